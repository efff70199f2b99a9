using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Host.Mediator;

namespace PluginBot.Host.Llm;

/// <summary>
/// One model call attempt's bookkeeping: asks the budget gate before, and afterwards — exactly once, however
/// the attempt ends — settles the gate and publishes <see cref="LlmCallCompleted"/>.
/// </summary>
internal sealed class AttemptRecorder(RouteTarget target, LlmCallContext context, int attemptNumber, LlmRuntime runtime)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly DateTime _startedAtUtc = runtime.Time.GetUtcNow().UtcDateTime;
    private readonly UsageDetails _usage = new();
    private int _finished;

    public Guid AttemptId { get; } = Guid.NewGuid();

    public RouteTarget Target => target;

    public async ValueTask<BudgetDecision> AskGateAsync(IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var estimate = messages.Sum(m => (long)(m.Text?.Length ?? 0) / 4 + 4);
        await using var scope = runtime.Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IBudgetGate>().BeforeCallAsync(
            new BudgetRequest(AttemptId, context, target.Reference, target.Endpoint.Kind, target.Endpoint.IsLocal, estimate, options.MaxOutputTokens ?? runtime.Settings.MaxOutputTokens),
            cancellationToken);
    }

    public void AddUsage(UsageDetails? usage)
    {
        if (usage is not null)
        {
            _usage.Add(usage);
        }
    }

    public void ObserveUpdate(ChatResponseUpdate update)
    {
        // Indexed: runs once per streamed chunk, and foreach over IList<T> boxes an enumerator each time.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent usage)
            {
                AddUsage(usage.Details);
            }
        }
    }

    public async ValueTask FinishAsync(LlmCallOutcome outcome, string? error)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 1)
        {
            return;
        }

        var counts = _usage.AdditionalCounts;
        var usage = new LlmUsage(_usage.InputTokenCount ?? 0, _usage.OutputTokenCount ?? 0, _usage.CachedInputTokenCount ?? 0, _usage.ReasoningTokenCount ?? 0)
        {
            CacheWriteInputTokens = counts?.TryGetValue(LlmKeys.CacheWriteInputTokens, out var written) == true ? written : 0,
        };
        long? providerCost = counts?.TryGetValue(LlmKeys.ProviderCostMicros, out var cost) == true ? cost : null;
        await using (var scope = runtime.Scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IBudgetGate>().AfterCallAsync(new BudgetSettlement(AttemptId, usage, providerCost, outcome), CancellationToken.None);
        }

        await runtime.Publisher.PublishAsync(
            new LlmCallCompleted(
                AttemptId, context, target.Reference.Endpoint, target.Endpoint.Kind, target.Reference.Model, target.Endpoint.IsLocal,
                usage, providerCost, Stopwatch.GetElapsedTime(_started), outcome, error, attemptNumber, _startedAtUtc),
            context.Actor,
            CancellationToken.None);
    }
}

/// <summary>What every routed call needs from the host.</summary>
internal sealed record LlmRuntime(
    ModelsSettings Settings,
    IServiceScopeFactory Scopes,
    IsolatedEventPublisher Publisher,
    EndpointConcurrency Concurrency,
    TimeProvider Time,
    Microsoft.Extensions.Logging.ILogger Logger)
{
    /// <summary>The retry pipeline every routed call shares (see <see cref="RoutedChatClient.BuildRetry"/>).</summary>
    public Polly.ResiliencePipeline Retry { get; } = RoutedChatClient.BuildRetry(Settings, Time);
}
