using System.Runtime.CompilerServices;

namespace PluginBot.Abstractions.Requests;

/// <summary>How a streamed response ended.</summary>
public enum StreamOutcome
{
    /// <summary>The consumer read every item.</summary>
    Completed,

    /// <summary>The producer threw.</summary>
    Failed,

    /// <summary>The consumer's token was cancelled.</summary>
    Cancelled,

    /// <summary>The consumer stopped reading before the end.</summary>
    Abandoned,
}

/// <summary>A response whose real outcome is known only once it has been read to the end.</summary>
public interface IStreamingResult
{
    /// <summary>
    /// Registers a callback run exactly once when the stream ends, however it ends. Pipeline behaviours use it
    /// so logging, audit and accounting record the stream's true outcome and duration, not the moment the
    /// handler returned.
    /// </summary>
    void OnCompleted(Func<StreamOutcome, Exception?, ValueTask> callback);
}

/// <summary>
/// MediatR 5 has no streaming requests: a handler returns this as its response instead. The consumer
/// enumerates it (once); when enumeration ends the completion callbacks run.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class StreamingResult<T>(IAsyncEnumerable<T> source) : IStreamingResult, IAsyncEnumerable<T>
{
    private readonly List<Func<StreamOutcome, Exception?, ValueTask>> _callbacks = [];
    private int _enumerated;
    private int _completed;

    /// <inheritdoc />
    public void OnCompleted(Func<StreamOutcome, Exception?, ValueTask> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_callbacks)
        {
            _callbacks.Add(callback);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
        {
            throw new InvalidOperationException("A streaming result can be read only once.");
        }

        return ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var outcome = StreamOutcome.Abandoned;
        Exception? error = null;
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                T item;
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        outcome = StreamOutcome.Completed;
                        yield break;
                    }

                    item = enumerator.Current;
                }
                catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                {
                    (outcome, error) = (StreamOutcome.Cancelled, ex);
                    throw;
                }
                catch (Exception ex)
                {
                    (outcome, error) = (StreamOutcome.Failed, ex);
                    throw;
                }

                yield return item;
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
            await CompleteAsync(outcome, error);
        }
    }

    /// <summary>Runs the callbacks for a stream that was never read (e.g. the caller failed first).</summary>
    public ValueTask AbandonAsync() => CompleteAsync(StreamOutcome.Abandoned, null);

    private async ValueTask CompleteAsync(StreamOutcome outcome, Exception? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
        {
            return;
        }

        Func<StreamOutcome, Exception?, ValueTask>[] callbacks;
        lock (_callbacks)
        {
            callbacks = [.. _callbacks];
        }

        foreach (var callback in callbacks)
        {
            await callback(outcome, error);
        }
    }
}
