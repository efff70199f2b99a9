using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// Wraps the client library's chat client for one model: usage is always reported, an error answer names the
/// model it was for, and a streamed answer that falls silent longer than the time-out ends with a
/// <see cref="TimeoutException"/> (the HTTP time-out stops counting once the first bytes arrive).
/// </summary>
internal sealed class OllamaModelClient(IChatClient inner, string model, TimeSpan silenceLimit) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            OllamaUsage.Fill(response);
            return response;
        }
        catch (OllamaResponseException exception) when (exception.Model is null)
        {
            throw exception.ForModel(model);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = base.GetStreamingResponseAsync(messages, options, silence.Token).GetAsyncEnumerator(silence.Token);
        var pending = false;
        try
        {
            while (true)
            {
                silence.CancelAfter(silenceLimit);
                var move = updates.MoveNextAsync();
                pending = !move.IsCompleted;
                if (!await MoveNextAsync(move, silence, cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                pending = false;
                OllamaUsage.Fill(updates.Current);
                yield return updates.Current;
            }
        }
        finally
        {
            // A read given up on (a Stop, the silence limit) is still running in the library, which cannot be
            // disposed under it: it ends with the response, and the enumerator with it.
            if (!pending)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> MoveNextAsync(ValueTask<bool> move, CancellationTokenSource silence, CancellationToken cancellationToken)
    {
        bool moved;
        try
        {
            // The library reads the NDJSON lines without the token, so a read that waits for a line Ollama does not
            // send would outlast a Stop and the silence limit alike: the wait is given up on instead.
            moved = move.IsCompleted ? move.Result : await move.AsTask().WaitAsync(silence.Token).ConfigureAwait(false);
        }
        catch (OllamaResponseException exception) when (exception.Model is null)
        {
            throw exception.ForModel(model);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            // The response was ended under the library's read (see AbortOnCancelHandler): the caller stopped.
            throw new OperationCanceledException("The Ollama call was cancelled.", exception, cancellationToken);
        }
        catch (Exception exception) when (silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw SilenceTimeout(exception);
        }

        // The library may end the stream quietly when its token is cancelled: that is not a whole answer.
        cancellationToken.ThrowIfCancellationRequested();
        return moved || !silence.IsCancellationRequested ? moved : throw SilenceTimeout(null);
    }

    private TimeoutException SilenceTimeout(Exception? inner) =>
        new($"Ollama sent nothing for {silenceLimit.TotalSeconds:0} s while answering with {model}.", inner);
}
