using IndicatorExchange.Access;
using IndicatorExchange.Host;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security;

var commandLine = HostCommandLine.Parse(args);
if (!commandLine.StartsServer)
{
    return await commandLine.InvokeAsync(Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // Only the arguments in configuration style (--Limits:RequestsPerSecond=0, and those a WebApplicationFactory passes):
    // the options parsed above are added below, whichever form (--port 5100, --port=5100) they were given in.
    Args = commandLine.ConfigurationArguments,
    // appsettings.json sits beside the assembly. With the working directory as the content root (the default) it was not
    // found when started from anywhere else, so its log levels did not apply (a line per request), and the settings
    // watcher followed every file under that directory: the repository, or the data directory SQLite writes to.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddInMemoryCollection(commandLine.ServerSettings);

IReadOnlyList<Module> modules;
try
{
    modules = Modules.Resolve(builder.Configuration["Target"]);
    builder.ConfigureListener(modules);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("用法错误 / usage error: see 'indicatorexchange --help'.");
    return HostExitCodes.Usage;
}

builder.AddServiceDefaults();
try
{
    builder.AddAccessModule();
    foreach (var module in modules)
    {
        module.Add(builder);
    }
}
catch (StorageConfigurationException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("用法错误 / usage error: see 'indicatorexchange --help'.");
    return HostExitCodes.Usage;
}

var app = builder.Build();
app.UseSuiteSecurity();
app.MapDefaultEndpoints();
app.MapAccessModule();
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
    return HostExitCodes.Failed;
}
return HostExitCodes.Ok;

public partial class Program;
