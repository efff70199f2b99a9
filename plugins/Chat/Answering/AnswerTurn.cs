using System.Text;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Chat.Features;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>
/// One answer, start to end: store the question, stream the model's answer into a live reply, store the answer.
/// A stop (the stop button, /new) keeps what was shown; a failure shows one sentence and a Retry button.
/// </summary>
internal sealed class AnswerTurn(
    ConversationStore store,
    PromptBuilder prompt,
    IModelRouter router,
    IMessenger messenger,
    IButtonTokens buttons,
    ISettingsStore settings,
    ILogger<AnswerTurn> logger)
{
    public const string StoppedNote = "_(stopped)_";

    /// <summary>Answers one turn; true when <paramref name="cancellationToken"/> (a /new, a shutdown) cut the answer short.</summary>
    public async Task<bool> RunAsync(TurnRequest turn, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(turn, cancellationToken) is not { } conversationId)
        {
            return false;
        }

        var messages = await prompt.BuildAsync(conversationId, turn.Conversation, turn.Key.UserId, cancellationToken);
        await using var live = await messenger.OpenLiveReplyAsync(turn.Conversation, turn.Actor, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, live.Stopped);
        var shown = new StringBuilder();
        try
        {
            var context = new LlmCallContext
            {
                Actor = turn.Actor,
                Purpose = "chat",
                Project = await settings.ResolveAsync(SettingKeys.Project, turn.Key.UserId, turn.Conversation, cancellationToken: stop.Token),
                IdempotencyKey = $"chat:{conversationId}:{Guid.NewGuid():N}",
            };
            var model = await router.ResolveAsync(null, context, turn.Conversation, stop.Token);
            await foreach (var update in model.Client.GetStreamingResponseAsync(messages, cancellationToken: stop.Token))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    shown.Append(update.Text);
                    await live.AppendAsync(update.Text, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: keep what was shown, in the conversation (first: the chat may fail) and in the chat.
            if (shown.Length > 0)
            {
                await store.AppendAsync(conversationId, MessageRow.Assistant, shown.ToString(), CancellationToken.None);
            }

            await live.CompleteAsync(Reply.Markdown(Above(shown.ToString(), StoppedNote)), CancellationToken.None);
            return cancellationToken.IsCancellationRequested; // not the live reply's own Stop button
        }
        catch (Exception ex)
        {
            await FailAsync(turn, conversationId, live, shown.ToString(), ex);
            return false;
        }

        // Stored before it is shown: an answer the model gave stays in the conversation even if Telegram fails.
        var answer = shown.ToString();
        if (answer.Length > 0)
        {
            await store.AppendAsync(conversationId, MessageRow.Assistant, answer, CancellationToken.None);
        }

        await live.CompleteAsync(Reply.Markdown(answer.Length > 0 ? answer : "_(the model sent an empty answer)_"), CancellationToken.None);
        return false;
    }

    /// <summary>Stores the question (or finds it again for a retry); null when there is nothing to answer.</summary>
    private async Task<long?> PrepareAsync(TurnRequest turn, CancellationToken cancellationToken)
    {
        if (turn.Text is { } text)
        {
            var conversation = await store.OpenAsync(turn.Key, cancellationToken);
            await store.AppendAsync(conversation.Id, MessageRow.User, text, cancellationToken);
            return conversation.Id;
        }

        var open = await store.FindOpenAsync(turn.Key, cancellationToken);
        var (last, question) = open is null || open.Id != turn.RetryOf ? default : await store.LastAsync(open.Id, cancellationToken);
        if (question is null)
        {
            await messenger.SendAsync(turn.Conversation, Reply.Plain("That conversation has ended, so there is nothing to retry: send your message again."), cancellationToken);
            return null;
        }

        // A retry after an answer (pressed twice, say) asks the question again rather than answering the answer.
        if (last!.Role != MessageRow.User)
        {
            await store.AppendAsync(open!.Id, MessageRow.User, question.Text, cancellationToken);
        }

        return open!.Id;
    }

    private async Task FailAsync(TurnRequest turn, long conversationId, ILiveReply live, string shown, Exception error)
    {
        var sentence = FailureSentence.For(error);
        if (sentence is null)
        {
            logger.LogError(error, "Answering in {Conversation} failed unexpectedly", turn.Conversation);
            sentence = "Something went wrong on the bot's side while answering; the error is logged. Try again.";
        }
        else
        {
            logger.LogWarning("Answering in {Conversation} failed: {Failure}", turn.Conversation, error.Message);
        }

        var retry = await buttons.IssueAsync(new RetryAnswer.Command(conversationId, turn.Conversation, turn.Key.UserId), turn.Actor, cancellationToken: CancellationToken.None);
        await live.CompleteAsync(Reply.Markdown(Above(shown, sentence)) with { Buttons = [[new ReplyButton("Retry", retry)]] }, CancellationToken.None);
    }

    private static string Above(string shown, string note) => shown.Length == 0 ? note : $"{shown}\n\n{note}";
}
