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
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                silence.CancelAfter(silenceLimit);
                if (!await MoveNextAsync(updates, silence, cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                OllamaUsage.Fill(updates.Current);
                yield return updates.Current;
            }
        }
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, CancellationTokenSource silence, CancellationToken cancellationToken)
    {
        bool moved;
        try
        {
            moved = await updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OllamaResponseException exception) when (exception.Model is null)
        {
            throw exception.ForModel(model);
        }
        catch (OperationCanceledException exception) when (silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
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
