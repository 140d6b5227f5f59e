namespace IndicatorExchange.Cli.Reporting;

/// <summary>A problem with the command line or an input file: reported as is, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
