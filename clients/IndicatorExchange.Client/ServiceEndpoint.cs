using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Client;

/// <summary>
/// One service address: its gRPC channel (with the retry policy in its ServiceConfig), the interceptor every
/// call passes through, the circuit breaker shared by every library call to that address, and the Polly retry
/// of whole uploads.
/// </summary>
internal sealed class ServiceEndpoint : IDisposable
{
    private readonly GrpcChannel _channel;

    public ServiceEndpoint(string address, IndicatorExchangeClientOptions options, ILoggerFactory? loggerFactory, ILogger logger)
    {
        Address = address;
        var channelOptions = new GrpcChannelOptions
        {
            ServiceConfig = RetryConfig(options),
            MaxRetryAttempts = Math.Max(options.MaxAttempts, 1),
            HttpHandler = options.HandlerFactory?.Invoke() ?? DefaultHandler(options.TrustedCertificate),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            LoggerFactory = loggerFactory,
        };
        var replicas = ReplicaAddresses.Split(address);
        _channel = replicas.Count > 1 ? ReplicaAddresses.Channel(replicas, channelOptions) : GrpcChannel.ForAddress(address, channelOptions);
        Invoker = _channel.Intercept(new CallDefaultsInterceptor(options));
        Breaker = new ConsecutiveFailureBreaker(options, address, logger);
        var upload = new ResiliencePipelineBuilder();
        if (options.MaxAttempts > 1)
        {
            upload.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = AtLeastAMillisecond(options.RetryInitialBackoff),
                MaxDelay = AtLeastAMillisecond(options.RetryMaxBackoff),
                OnRetry = args =>
                {
                    logger.LogInformation("UploadFigures to {Address} unavailable ({Error}); sending it again (same request id) in {Delay}",
                        address, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        Upload = upload.Build();
    }

    /// <summary>The base address, as configured.</summary>
    public string Address { get; }

    /// <summary>The channel with <see cref="CallDefaultsInterceptor"/>: what the raw typed clients call through.</summary>
    public CallInvoker Invoker { get; }

    /// <summary>The circuit breaker around every library call to this address.</summary>
    public ConsecutiveFailureBreaker Breaker { get; }

    /// <summary>Retries a whole UploadFigures on UNAVAILABLE (each attempt goes through <see cref="Breaker"/>).</summary>
    public ResiliencePipeline Upload { get; }

    public void Dispose() => _channel.Dispose();

    /// <summary>The service could not be reached: nothing answered, or not within the deadline.</summary>
    public static bool IsUnreachable(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    /// <summary>
    /// Methods the channel may retry (AIP-194): unary reads (Get*, List*) and the writes that carry a request id
    /// (the client always sets one). Not UploadFigures (a client stream, retried whole by Polly), not the watch
    /// streams (re-opened by the client), not the admin writes without a request id.
    /// </summary>
    public static bool IsRetryableByChannel(Google.Protobuf.Reflection.MethodDescriptor method) =>
        !method.IsClientStreaming && !method.IsServerStreaming
        && (method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name.StartsWith("List", StringComparison.Ordinal)
            || method.Name is "SubmitFigures" or "SetTargets");

    private static ServiceConfig? RetryConfig(IndicatorExchangeClientOptions options)
    {
        if (options.MaxAttempts < 2)
        {
            return null;
        }
        var retry = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = options.MaxAttempts,
                InitialBackoff = AtLeastAMillisecond(options.RetryInitialBackoff),
                MaxBackoff = AtLeastAMillisecond(options.RetryMaxBackoff),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var service in new[] { IndicatorService.Descriptor, TargetService.Descriptor, AggregationService.Descriptor })
        {
            foreach (var method in service.Methods.Where(IsRetryableByChannel))
            {
                retry.Names.Add(new MethodName { Service = service.FullName, Method = method.Name });
            }
        }
        return new ServiceConfig { MethodConfigs = { retry } };
    }

    /// <summary>HTTP/2 with keep-alive pings, so that a watch stream on a silently dropped connection breaks and re-opens.</summary>
    private static SocketsHttpHandler DefaultHandler(System.Security.Cryptography.X509Certificates.X509Certificate2? trusted)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };
        if (trusted is not null)
        {
            var hash = trusted.GetCertHashString();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == hash;
        }
        return handler;
    }

    private static TimeSpan AtLeastAMillisecond(TimeSpan value) => value < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : value;
}
