using System.CommandLine;

namespace IndicatorExchange.Admin.CommandLine;

/// <summary>The FILE argument of the import commands: required, and it must exist (the error names it).</summary>
public static class ImportFile
{
    public static Argument<FileInfo> Argument(string description)
    {
        var file = new Argument<FileInfo>("FILE") { Description = description };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } missing)
            {
                result.AddError($"没有此文件 / no such file: {missing.FullName}");
            }
        });
        return file;
    }
}
