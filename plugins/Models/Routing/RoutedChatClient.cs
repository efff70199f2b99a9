using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Usage;
using Polly;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>
/// The client the router hands out. Around every call: the budget gate, a maximum output, the endpoint's
/// concurrency limit, a first-token time-out, the one retry layer (Polly: exponential backoff with jitter,
/// honouring Retry-After) and the fallback chain — both taken only while nothing has streamed yet — and one
/// <see cref="LlmCallCompleted"/> per attempt, however it ends.
/// </summary>
internal sealed class RoutedChatClient(
    IReadOnlyList<RouteTarget> chain,
    Func<ModelReference, RouteTarget> targetFor,
    LlmCallContext context,
    LlmRuntime runtime) : IChatClient
{
    private readonly ResiliencePipeline _retry = runtime.Retry;

    private int _attempts;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        return await RunChainAsync(target => _retry.ExecuteAsync(token => CallOnceAsync(target, list, options, token), cancellationToken));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var stream = await RunChainAsync(target => _retry.ExecuteAsync(token => StartStreamAsync(target, list, options, token), cancellationToken));
        var outcome = LlmCallOutcome.Cancelled;
        string? error = null;
        try
        {
            if (stream.First is null)
            {
                outcome = LlmCallOutcome.Completed;
                yield break;
            }

            yield return stream.First;
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await stream.Updates.MoveNextAsync())
                    {
                        outcome = LlmCallOutcome.Completed;
                        yield break;
                    }

                    update = stream.Updates.Current;
                    stream.Recorder.ObserveUpdate(update);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Output has started: no retry, no silent splice. The caller keeps what it has and gets the error.
                    var failure = Classify(stream.Recorder.Target, ex);
                    (outcome, error) = (LlmCallOutcome.CutOff, failure.Message);
                    throw Surface(failure with { Message = $"The answer from {stream.Recorder.Target.Reference} broke off: {failure.Message}" }, stream.Recorder.Target, ex);
                }

                yield return update;
            }
        }
        finally
        {
            try
            {
                await stream.DisposeAsync();
            }
            finally
            {
                await stream.Recorder.FinishAsync(outcome, error);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : chain[0].Client.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The endpoint clients are shared and owned by the router.
    }

    /// <summary>Tries the primary, then each fallback while failures are transient.</summary>
    private async Task<T> RunChainAsync<T>(Func<RouteTarget, ValueTask<T>> run)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await run(chain[i]);
            }
            catch (AttemptFailedException ex) when (ex.Failure.IsTransient && i + 1 < chain.Count)
            {
                runtime.Logger.LogWarning("{Model} failed ({Failure}); falling back to {Next}", chain[i].Reference, ex.Failure.Kind, chain[i + 1].Reference);
            }
            catch (AttemptFailedException ex)
            {
                var exhausted = ex.Failure.IsTransient && chain.Count > 1
                    ? ex.Failure with { Message = $"{ex.Failure.Message} The fallbacks ({string.Join(", ", chain.Skip(1).Select(t => t.Reference))}) failed too." }
                    : ex.Failure;
                throw Surface(exhausted, ex.Target, ex.InnerException);
            }
        }
    }

    private async ValueTask<ChatResponse> CallOnceAsync(RouteTarget target, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var (recorder, callOptions, slot) = await BeginAttemptAsync(target, messages, options, cancellationToken);
        using (slot)
        {
            using var timeout = new FirstTokenTimeout(runtime.Settings.FirstTokenTimeout, runtime.Time, cancellationToken);
            try
            {
                var response = await recorder.Target.Client.GetResponseAsync(messages, callOptions, timeout.Token);
                recorder.AddUsage(response.Usage);
                await recorder.FinishAsync(LlmCallOutcome.Completed, null);
                return response;
            }
            catch (Exception ex)
            {
                throw await FailAttemptAsync(recorder, ex, timeout.TimedOut, cancellationToken);
            }
        }
    }

    private async ValueTask<ActiveStream> StartStreamAsync(RouteTarget target, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var (recorder, callOptions, slot) = await BeginAttemptAsync(target, messages, options, cancellationToken);
        var timeout = new FirstTokenTimeout(runtime.Settings.FirstTokenTimeout, runtime.Time, cancellationToken);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            updates = recorder.Target.Client.GetStreamingResponseAsync(messages, callOptions, timeout.Token).GetAsyncEnumerator(timeout.Token);
            ChatResponseUpdate? first = null;
            if (await updates.MoveNextAsync())
            {
                first = updates.Current;
                recorder.ObserveUpdate(first);
            }

            timeout.Stop();
            return new ActiveStream(recorder, updates, first, slot, timeout);
        }
        catch (Exception ex)
        {
            if (updates is not null)
            {
                await updates.DisposeAsync();
            }

            slot.Dispose();
            var timedOut = timeout.TimedOut;
            timeout.Dispose();
            throw await FailAttemptAsync(recorder, ex, timedOut, cancellationToken);
        }
    }

    /// <summary>Asks the gate (following a "use this cheaper model" answer), fixes the options, takes a concurrency slot.</summary>
    private async ValueTask<(AttemptRecorder Recorder, ChatOptions Options, IDisposable Slot)> BeginAttemptAsync(
        RouteTarget target, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var callOptions = options?.Clone() ?? new ChatOptions();
        callOptions.MaxOutputTokens ??= runtime.Settings.MaxOutputTokens;
        callOptions.AdditionalProperties ??= [];
        callOptions.AdditionalProperties[LlmKeys.CallContext] = context;
        for (var switches = 0; ; switches++)
        {
            callOptions.ModelId = target.Reference.Model;
            var recorder = new AttemptRecorder(target, context, Interlocked.Increment(ref _attempts), runtime);
            switch (await recorder.AskGateAsync(messages, callOptions, cancellationToken))
            {
                case BudgetDecision.Deny deny:
                    throw new BudgetExceededException(deny.Message, deny.Budget, deny.Spent, deny.Limit);
                case BudgetDecision.UseModel cheaper when switches < 2 && cheaper.Model != target.Reference:
                    runtime.Logger.LogInformation("Budget gate switched {From} to {To}: {Reason}", target.Reference, cheaper.Model, cheaper.Reason);
                    Interlocked.Decrement(ref _attempts);
                    target = targetFor(cheaper.Model);
                    continue;
                default:
                    IDisposable slot;
                    try
                    {
                        slot = await runtime.Concurrency.EnterAsync(target.Reference.Endpoint, cancellationToken);
                    }
                    catch (Exception ex)
                    {
                        // Stopped while it waited for its endpoint: the request never left, but its reservation is made.
                        await recorder.FinishAsync(ex is OperationCanceledException ? LlmCallOutcome.Cancelled : LlmCallOutcome.Failed, null, LlmFailureKind.Unknown);
                        throw;
                    }

                    recorder.MarkSent();
                    return (recorder, callOptions, slot);
            }
        }
    }

    private async ValueTask<Exception> FailAttemptAsync(AttemptRecorder recorder, Exception error, bool timedOut, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            await recorder.FinishAsync(LlmCallOutcome.Cancelled, null);
            return error is OperationCanceledException ? error : new OperationCanceledException("The model call was cancelled.", error, callerToken);
        }

        var failure = timedOut
            ? new LlmFailure(LlmFailureKind.Timeout, $"{recorder.Target.Reference} did not answer in time: try again later, or raise Plugins:Models:FirstTokenTimeoutSeconds.")
            : Classify(recorder.Target, error);
        await recorder.FinishAsync(LlmCallOutcome.Failed, failure.Message, failure.Kind);
        return new AttemptFailedException(failure, recorder.Target, error);
    }

    /// <summary>
    /// The endpoint's reading of an error. A classifier that throws (a plugin's bug, a header it could not read) must
    /// not leave the attempt unsettled or hide the error, so it gives an unknown failure naming the original.
    /// </summary>
    private LlmFailure Classify(RouteTarget target, Exception error)
    {
        try
        {
            return target.Endpoint.Classify(error);
        }
        catch (Exception classifying)
        {
            runtime.Logger.LogError(classifying, "{Endpoint} could not classify a {Error} from {Model}", target.Reference.Endpoint, error.GetType().Name, target.Reference);
            return new LlmFailure(LlmFailureKind.Unknown, $"{target.Reference} failed with {error.GetType().Name}, which its endpoint could not read ({classifying.GetType().Name}): see the log.");
        }
    }

    private static LlmCallFailedException Surface(LlmFailure failure, RouteTarget target, Exception? inner) =>
        new(failure, target.Reference.Endpoint, target.Reference.Model, inner);

    /// <summary>A stream whose first update has arrived.</summary>
    private sealed class ActiveStream(AttemptRecorder recorder, IAsyncEnumerator<ChatResponseUpdate> updates, ChatResponseUpdate? first, IDisposable slot, FirstTokenTimeout timeout) : IAsyncDisposable
    {
        public AttemptRecorder Recorder => recorder;

        public IAsyncEnumerator<ChatResponseUpdate> Updates => updates;

        public ChatResponseUpdate? First => first;

        public async ValueTask DisposeAsync()
        {
            await updates.DisposeAsync(); // closes the HTTP stream promptly
            slot.Dispose();
            timeout.Dispose();
        }
    }
}
