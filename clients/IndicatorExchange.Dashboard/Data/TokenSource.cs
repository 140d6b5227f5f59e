namespace IndicatorExchange.Dashboard.Data;

/// <summary>Where the bearer token comes from: <c>Dashboard:Token</c>, else the file <c>Dashboard:TokenFile</c>, else none.</summary>
public static class TokenSource
{
    /// <summary>The token text, trimmed; null when none is configured (calls then go without one).</summary>
    /// <exception cref="DashboardConfigurationException">A required token file is missing or unreadable.</exception>
    public static string? Read(DashboardOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            return options.Token.Trim();
        }
        if (string.IsNullOrWhiteSpace(options.TokenFile))
        {
            return null;
        }
        var path = Path.GetFullPath(options.TokenFile);
        if (!File.Exists(path))
        {
            return options.TokenFileOptional
                ? null
                : throw new DashboardConfigurationException($"令牌文件不存在 / The token file {path} (Dashboard:TokenFile) does not exist.");
        }
        try
        {
            var token = File.ReadAllText(path).Trim();
            return token.Length == 0 ? null : token;
        }
        catch (IOException exception)
        {
            throw new DashboardConfigurationException($"无法读取令牌文件 / The token file {path} cannot be read: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new DashboardConfigurationException($"无法读取令牌文件 / The token file {path} cannot be read: {exception.Message}");
        }
    }
}

/// <summary>The dashboard's own configuration is wrong (shown on the page like a service error).</summary>
public sealed class DashboardConfigurationException(string message) : Exception(message);
