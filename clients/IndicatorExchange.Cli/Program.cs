using System.Text;
using IndicatorExchange.Cli;

// Chinese names and units must survive Windows consoles too.
Console.OutputEncoding = Encoding.UTF8;
return await IxcApp.RunAsync(args);
