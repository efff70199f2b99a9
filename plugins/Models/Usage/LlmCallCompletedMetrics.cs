using System.Diagnostics;
using MediatR;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Usage;

/// <summary>Counts every model call attempt, its duration and its tokens, by endpoint and model.</summary>
internal sealed class LlmCallCompletedMetrics(ModelMetrics metrics) : INotificationHandler<LlmCallCompleted>
{
    public Task Handle(LlmCallCompleted notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var call = new TagList { { "endpoint", notification.Endpoint }, { "model", notification.Model } };
        var outcome = call;
        outcome.Add("outcome", notification.Outcome.ToString().ToLowerInvariant());
        metrics.ModelCalls.Add(1, outcome);
        metrics.ModelCallDuration.Record(notification.Latency.TotalSeconds, outcome);
        Tokens(call, "input", notification.Usage.InputTokens);
        Tokens(call, "output", notification.Usage.OutputTokens);
        Tokens(call, "cached_input", notification.Usage.CachedInputTokens);
        Tokens(call, "reasoning", notification.Usage.ReasoningTokens);
        return Task.CompletedTask;
    }

    private void Tokens(TagList call, string kind, long count)
    {
        if (count > 0)
        {
            call.Add("kind", kind);
            metrics.ModelTokens.Add(count, call);
        }
    }
}
