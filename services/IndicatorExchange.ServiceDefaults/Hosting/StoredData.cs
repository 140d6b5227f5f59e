using System.Reflection;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>
/// Where a service keeps its data on each engine, for copying it from one engine to the other
/// (<c>indicatorexchange migrate-to-postgres</c>): the name of its SQLite file in the data directory (without <c>.db</c>),
/// its PostgreSQL schema, the assembly holding both engines' migrations, and whether its rows are rebuilt by the service
/// itself from other services' feeds (then only its schema is created) rather than copied.
/// </summary>
public sealed record StoredData(string SqliteDatabase, string PostgresSchema, Assembly Migrations, bool RebuiltFromFeeds);
