using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Budgets;
using PluginBot.Plugins.Models.Routing;

namespace PluginBot.Plugins.Models.Usage;

/// <summary>
/// One model call attempt's bookkeeping: asks the budget gate before, and afterwards — exactly once, however
/// the attempt ends — settles the gate and publishes <see cref="LlmCallCompleted"/>, with the text that streamed
/// and whether the provider received the request, so that a stopped answer is charged for what it already cost.
/// </summary>
internal sealed class AttemptRecorder(RouteTarget target, LlmCallContext context, int attemptNumber, LlmRuntime runtime)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly DateTime _startedAtUtc = runtime.Time.GetUtcNow().UtcDateTime;
    private readonly UsageDetails _usage = new();
    private readonly StringBuilder _streamed = new();
    private bool _sent;
    private int _finished;

    public Guid AttemptId { get; } = Guid.NewGuid();

    public RouteTarget Target => target;

    public async ValueTask<BudgetDecision> AskGateAsync(IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var estimate = messages.Sum(m => (long)(m.Text?.Length ?? 0) / 4 + 4);
        await using var scope = runtime.Scopes.CreateAsyncScope();
        return await Gate(scope.ServiceProvider).BeforeCallAsync(
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

    /// <summary>The request is about to leave for the provider: from here on the provider may bill it.</summary>
    public void MarkSent() => _sent = true;

    public void ObserveUpdate(ChatResponseUpdate update)
    {
        // Indexed: runs once per streamed chunk, and foreach over IList<T> boxes an enumerator each time.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case UsageContent usage:
                    AddUsage(usage.Details);
                    break;
                case TextContent text:
                    _streamed.Append(text.Text);
                    break;
                case TextReasoningContent reasoning:
                    _streamed.Append(reasoning.Text);
                    break;
            }
        }
    }

    /// <summary>Settles the attempt once; <paramref name="failure"/> is the failure's kind when it failed.</summary>
    public async ValueTask FinishAsync(LlmCallOutcome outcome, string? error, LlmFailureKind? failure = null)
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
        Usd? providerCost = counts?.TryGetValue(LlmKeys.ProviderCostMicros, out var cost) == true ? Usd.FromMicros(cost) : null;
        var mayBill = ProviderMayBill(outcome, failure);
        // The usage covers a whole answer; an answer that did not arrive whole, or came without its output count,
        // hands over its text so the gate can count what the provider bills.
        var streamed = _streamed.Length > 0 && (outcome != LlmCallOutcome.Completed || _usage.OutputTokenCount is null) ? _streamed.ToString() : null;
        try
        {
            // Never the caller's token: a stopped call is exactly the one whose settlement must still run.
            await using var scope = runtime.Scopes.CreateAsyncScope();
            await Gate(scope.ServiceProvider).AfterCallAsync(
                new BudgetSettlement(AttemptId, usage, providerCost, outcome) { StreamedText = streamed, ProviderMayBill = mayBill },
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The event below still reaches the ledger, which settles a row the gate left running.
            runtime.Logger.LogError(ex, "The budget gate could not settle attempt {AttemptId} of {Model}", AttemptId, target.Reference);
        }

        await runtime.Publisher.PublishAsync(
            new LlmCallCompleted(
                AttemptId, context, target.Reference.Endpoint, target.Endpoint.Kind, target.Reference.Model, target.Endpoint.IsLocal,
                usage, providerCost, Stopwatch.GetElapsedTime(_started), outcome, error, attemptNumber, _startedAtUtc)
            {
                StreamedText = streamed,
                ProviderMayBill = mayBill,
            },
            context.Actor);
    }

    /// <summary>The gate a plugin provides (Costs), or one that allows everything when none does.</summary>
    private static IBudgetGate Gate(IServiceProvider services) => services.GetService<IBudgetGate>() ?? AllowAllBudgetGate.Instance;

    /// <summary>
    /// A request that left may be billed however it ended, unless the provider refused it outright (an error status)
    /// or could not be reached: providers do not bill those. A time-out, a broken answer or an unknown failure may
    /// have been read and generated, so it counts as billed.
    /// </summary>
    private bool ProviderMayBill(LlmCallOutcome outcome, LlmFailureKind? failure) =>
        _sent && (outcome != LlmCallOutcome.Failed || failure is null or LlmFailureKind.Timeout or LlmFailureKind.InvalidResponse or LlmFailureKind.Unknown);
}
