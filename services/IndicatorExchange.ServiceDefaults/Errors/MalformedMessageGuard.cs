using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.ServiceDefaults.Errors;

/// <summary>
/// Binds every gRPC service of the process as Grpc.AspNetCore's own binder does (the generated BindService), but with
/// request marshallers that turn a message that cannot be parsed (truncated, garbage, invalid UTF-8 in a string)
/// into INVALID_ARGUMENT (reason MALFORMED_MESSAGE), logged at Warning. Without it a unary call answered UNKNOWN
/// "Exception was thrown by handler." (logged as an error): the request is read before any interceptor runs.
/// </summary>
public sealed class MalformedMessageGuard<TService>(ILoggerFactory loggers) : IServiceMethodProvider<TService>
    where TService : class
{
    private readonly ILogger _logger = loggers.CreateLogger("IndicatorExchange.ServiceDefaults.Errors.MalformedMessageGuard");

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = BindMethod(typeof(TService));
        if (bind is null)
        {
            return;
        }
        bind.Invoke(null, [new Binder(context, _logger), null]);
    }

    /// <summary>Replaces Grpc.AspNetCore's binder (BinderServiceMethodProvider) by this one for every service.</summary>
    public static void Register(IServiceCollection services)
    {
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(MalformedMessageGuard<>)));
    }

    /// <summary>The static BindService(ServiceBinderBase, TServiceBase) named by the generated base class's BindServiceMethodAttribute.</summary>
    private static MethodInfo? BindMethod(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == attribute.BindMethodName && m.GetParameters() is { Length: 2 } p
                        && p[0].ParameterType == typeof(ServiceBinderBase) && p[1].ParameterType.IsAssignableFrom(service));
            }
        }
        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, ILogger logger) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (target, metadata) = Handler(method, typeof(ServerCallContext));
            context.AddUnaryMethod(Guarded(method), metadata,
                target.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>());
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (target, metadata) = Handler(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guarded(method), metadata,
                target.CreateDelegate<ClientStreamingServerMethod<TService, TRequest, TResponse>>());
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (target, metadata) = Handler(method, typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guarded(method), metadata,
                target.CreateDelegate<ServerStreamingServerMethod<TService, TRequest, TResponse>>());
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (target, metadata) = Handler(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guarded(method), metadata,
                target.CreateDelegate<DuplexStreamingServerMethod<TService, TRequest, TResponse>>());
        }

        /// <summary>The service's implementation of the method, and its attributes and the service's, as the default binder gives them.</summary>
        private static (MethodInfo Target, List<object> Metadata) Handler<TRequest, TResponse>(Method<TRequest, TResponse> method, params Type[] rest)
            where TRequest : class where TResponse : class
        {
            Type[] parameters = method.Type is MethodType.Unary or MethodType.ServerStreaming ? [typeof(TRequest), .. rest] : rest;
            var target = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name}.");
            var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(target.GetCustomAttributes(inherit: true));
            return (target, metadata);
        }

        private Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, deserialization =>
            {
                try
                {
                    return parse(deserialization);
                }
                catch (Exception exception) when (exception is InvalidProtocolBufferException or ArgumentException)
                {
                    logger.LogWarning("Malformed {Message} refused in {Method}: {Problem}", typeof(TRequest).Name, method.FullName, exception.Message);
                    throw GrpcErrors.Malformed(
                        $"请求消息无法解析 / the request could not be parsed as {typeof(TRequest).Name}: {GrpcErrors.Cut(exception.Message, 120)}");
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}
