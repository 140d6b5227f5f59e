// The prefecture dashboard on its own: http://localhost:5080, services at http://localhost:5100 unless configured.
IndicatorExchange.Dashboard.DashboardApp.Create(args).Run();
