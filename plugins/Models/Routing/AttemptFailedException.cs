using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>An attempt that failed before any output: the router may retry it or fall back.</summary>
internal sealed class AttemptFailedException(LlmFailure failure, RouteTarget target, Exception? inner)
    : Exception(failure.Message, inner)
{
    public LlmFailure Failure { get; } = failure;

    public RouteTarget Target { get; } = target;
}
