using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Host.Llm;

/// <summary>One model in a call's chain (the primary, then its fallbacks) with its endpoint and client.</summary>
internal sealed record RouteTarget(ModelReference Reference, ILlmEndpoint Endpoint, IChatClient Client);

/// <summary>An attempt that failed before any output: the router may retry it or fall back.</summary>
internal sealed class AttemptFailedException(LlmFailure failure, RouteTarget target, Exception? inner)
    : Exception(failure.Message, inner)
{
    public LlmFailure Failure { get; } = failure;

    public RouteTarget Target { get; } = target;
}
