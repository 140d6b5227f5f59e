using IndicatorExchange.Access.Audit.Postgres;
using IndicatorExchange.Access.Audit.Sqlite;
using IndicatorExchange.Access.Grpc;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Access;

/// <summary>
/// The Access module: token issuing (AccessService, issue-token, the demo tokens), the signing keys file created on first
/// start, and the audit trail the access interceptor of every process writes to: its own SQLite file (audit.db) by default,
/// or with <c>Storage:Provider=postgres</c> the <c>access</c> schema of the database, shared by every replica.
/// Every process hosts it.
/// </summary>
public static class AccessModule
{
    /// <summary>The audit trail (audit.db; schema <c>access</c>), its sequence numbers kept: copied between engines. The signing keys are files, not data.</summary>
    public static StoredData Data { get; } = new(SqliteAuditTrail.DatabaseName, PostgresAuditStorage.Schema, typeof(AccessModule).Assembly, RebuiltFromFeeds: false);

    public static IHostApplicationBuilder AddAccessModule(this IHostApplicationBuilder builder)
    {
        SigningKeyGenerator.AddGeneratedKeys(builder.Configuration);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton(AccessPolicies.Table);
        // Storage:Provider (--storage): SQLite by default, or PostgreSQL; an unknown name stops the start.
        switch (StorageSettings.Engine(builder.Configuration))
        {
            case StorageEngine.Postgres:
                builder.AddPostgresAuditTrail();
                break;
            default:
                builder.AddSqliteAuditTrail();
                break;
        }
        builder.Services.AddHostedService<DemoTokenWriter>();
        return builder;
    }

    /// <summary><c>issue-token</c>: signs a token with the data directory's key, without a running suite.</summary>
    public static System.CommandLine.Command IssueTokenCommand() => Tokens.IssueTokenCommand.Build();

    /// <summary>
    /// A 30-minute administrator token signed with the data directory's key, for admin commands run on the server without
    /// <c>--token</c>; null when the data directory holds no key (the call then goes without one).
    /// </summary>
    public static string? AdministratorToken(string dataDirectory) =>
        KeyFileTokens.Sign(dataDirectory, $"admin-cli:{Environment.UserName}", Roles.Administrator, "", TimeSpan.FromMinutes(30))?.Token;

    public static IEndpointRouteBuilder MapAccessModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AccessGrpcService>();
        return endpoints;
    }
}
