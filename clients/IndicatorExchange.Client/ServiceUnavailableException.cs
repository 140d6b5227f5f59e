using Grpc.Core;
using Polly.CircuitBreaker;

namespace IndicatorExchange.Client;

/// <summary>
/// A service could not be reached: it answered UNAVAILABLE (or did not answer within the deadline) after every
/// retry, or its circuit is open after repeated failures and the call was not attempted. The inner exception is
/// the <see cref="RpcException"/> or the <see cref="BrokenCircuitException"/>. A write that failed so may or may not
/// have been applied: send it again later with the same request id (a repeat returns the first answer).
/// </summary>
public sealed class ServiceUnavailableException : Exception
{
    public ServiceUnavailableException()
        : this("The service is unavailable.")
    {
    }

    public ServiceUnavailableException(string message)
        : base(message)
    {
    }

    public ServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceUnavailableException(string address, string method, Exception innerException)
        : base(Describe(address, method, innerException), innerException)
    {
        Address = address;
        Method = method;
    }

    /// <summary>Base address of the service that could not be reached, when known.</summary>
    public string? Address { get; }

    /// <summary>The gRPC method that failed, for example "SubmitFigures", when known.</summary>
    public string? Method { get; }

    /// <summary>True when the call was not attempted because the service's circuit is open.</summary>
    public bool CircuitOpen => InnerException is BrokenCircuitException;

    /// <summary>The gRPC status of the last attempt; null when the circuit was open.</summary>
    public StatusCode? StatusCode => (InnerException as RpcException)?.StatusCode;

    private static string Describe(string address, string method, Exception inner) => inner switch
    {
        BrokenCircuitException => $"{method}: {address} is unavailable (circuit open after repeated failures; not attempted).",
        RpcException rpc => $"{method}: {address} is unavailable ({rpc.StatusCode}: {rpc.Status.Detail}).",
        _ => $"{method}: {address} is unavailable ({inner.Message}).",
    };
}
