using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.ServiceDefaults.Security;

namespace IndicatorExchange.Host;

/// <summary>
/// How the binary's admin commands authenticate: <c>--token JWT</c> (or IX_TOKEN) when given; otherwise, run on
/// the server with access to its data directory, a short-lived administrator token signed with the suite's key.
/// </summary>
public static class CommandCredentials
{
    public static GrpcChannel Channel(string address, string? token, string dataDirectory)
    {
        token ??= AdministratorToken(dataDirectory);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = token is null ? ChannelCredentials.Insecure : ChannelCredentials.Create(
                address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
                CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {token}");
                    return Task.CompletedTask;
                })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    private static string? AdministratorToken(string dataDirectory) =>
        KeyFileTokens.Sign(dataDirectory, $"admin-cli:{Environment.UserName}", Roles.Administrator, "", TimeSpan.FromMinutes(30))?.Token;
}
