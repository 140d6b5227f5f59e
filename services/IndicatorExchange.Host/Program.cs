using IndicatorExchange.Host;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
if (args.FirstOrDefault() == RebuildCommand.Name)
{
    return await RebuildCommand.RunAsync(args);
}
if (args.FirstOrDefault() == ImportTargetsCommand.Name)
{
    return await ImportTargetsCommand.RunAsync(args);
}
if (args.FirstOrDefault() == IssueTokenCommand.Name)
{
    return await IssueTokenCommand.RunAsync(args);
}
if (args.FirstOrDefault() == ImportOrgUnitsCommand.Name)
{
    return await ImportOrgUnitsCommand.RunAsync(args);
}

NativeHeap.LimitArenas();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits beside the assembly. With the working directory as the content root (the default) it was not
    // found when started from anywhere else, so its log levels did not apply (a line per request), and the settings
    // watcher followed every file under that directory: the repository, or the data directory SQLite writes to.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddCommandLine(CommandLine.Normalise(args), CommandLine.SwitchMappings.ToDictionary());

IReadOnlyList<Module> modules;
try
{
    modules = Modules.Resolve(builder.Configuration["Target"]);
    builder.ConfigureListener(modules);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

builder.AddServiceDefaults();
foreach (var module in modules)
{
    module.Add(builder);
}

var app = builder.Build();
app.UseSuiteSecurity();
app.MapDefaultEndpoints();
foreach (var module in modules)
{
    module.Map(app);
}
app.LogStartup(modules);
try
{
    app.Run();
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"{exception.Message} Another process is using the port; stop it or choose another with --port=N.");
    return 1;
}
return 0;

public partial class Program;
