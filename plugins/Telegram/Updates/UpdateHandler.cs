using System.Globalization;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Operations;
using PluginBot.Plugins.Telegram.Replies;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// Maps each update shape to the kernel: commands, text and button presses go through <see cref="ICommandDispatcher"/>
/// (so through authorization, rate limits, validation and audit), a draft's stop through the request sender as the person who stopped it. The sender is
/// looked up in the allow-list first, only to word the refusal for strangers; the pipeline decides again. No business
/// logic lives here, and nothing thrown escapes: a failed update is logged and the next one runs.
/// </summary>
internal sealed partial class UpdateHandler(
    TelegramBot bot,
    ICommandDispatcher commands,
    IUserDirectory users,
    TelegramTransport transport,
    LiveReplies liveReplies,
    Refusals refusals,
    IRequestSender sender,
    TelegramMetrics metrics,
    ILogger<UpdateHandler> logger)
{
    private readonly ILogger<UpdateHandler> _logger = logger;

    /// <summary>Handles one update; false only when it was cut short by shutdown (it then stays in the inbox).</summary>
    public async Task<bool> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var failed = false;
        try
        {
            switch (update)
            {
                case { Message: { } message }:
                    await OnMessageAsync(message, IdempotencyKey(update), cancellationToken);
                    break;
                case { CallbackQuery: { } query }:
                    await OnButtonAsync(query, cancellationToken);
                    break;
                case { StoppedMessageGeneration: { } stopped }:
                    await OnDraftStoppedAsync(stopped, cancellationToken);
                    break;
                case { EditedMessage: { } edited }:
                    await OnEditedAsync(edited, cancellationToken);
                    break;
                default:
                    LogIgnored(update.Id, update.Type);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (ChatUnreachableException ex)
        {
            LogUnreachable(ex.ChatId, ex.Message);
        }
        catch (Exception ex)
        {
            failed = true;
            LogFailed(ex, update.Id, update.Type);
        }

        metrics.Handled(failed);
        return true;
    }

    /// <summary>The update id is Telegram's own name for one delivery: a redelivered update carries the same.</summary>
    private string IdempotencyKey(Update update) => string.Create(CultureInfo.InvariantCulture, $"telegram:{bot.BotId}:{update.Id}");

    private async Task OnMessageAsync(Message message, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } from || IncomingMessage.Read(message, bot.Username, bot.BotId) is not { } incoming)
        {
            return;
        }

        var conversation = Conversation(message);
        if (await ResolveAsync(from.Id, conversation, cancellationToken) is not { } actor)
        {
            return;
        }

        var context = new CommandContext(actor, conversation) { IdempotencyKey = idempotencyKey };
        var reply = incoming switch
        {
            { CommandLine: { } line } => await commands.DispatchAsync(line, context, cancellationToken),
            { Text: { } text } => await commands.HandleTextAsync(text, context, cancellationToken),
            _ => Reply.Plain($"I can't read {incoming.UnsupportedKind} yet. Send text or a command (/help)."),
        };
        if (!reply.IsNone)
        {
            await transport.SendAsync(conversation, reply, cancellationToken);
        }
    }

    private async Task OnButtonAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var actor = await users.ResolveAsync(query.From.Id, TelegramTransport.TransportName, cancellationToken);
        if (actor is null)
        {
            await AnswerButtonAsync(query, Refusals.Text(query.From.Id), cancellationToken);
            return;
        }

        var origin = query.Message;
        var conversation = origin is null ? transport.PrivateConversation(query.From.Id) : Conversation(origin);
        var reply = await commands.PressAsync(query.Data ?? "", new CommandContext(actor, conversation), cancellationToken);

        // A refused or expired button is told to the presser alone, not to the whole chat.
        await AnswerButtonAsync(query, reply.IsProblem ? Alert(reply.Text) : null, cancellationToken);
        if (reply.IsNone || reply.IsProblem)
        {
            return;
        }

        if (reply.ReplacesOrigin && origin is not null)
        {
            await transport.EditAsync(ChatTarget.Of(origin).Message(origin.Id), reply, cancellationToken);
        }
        else
        {
            await transport.SendAsync(conversation, reply, cancellationToken);
        }
    }

    private async Task OnDraftStoppedAsync(MessageGenerationStopped stopped, CancellationToken cancellationToken)
    {
        // Drafts live in private chats, whose id is the user's.
        var actor = await users.ResolveAsync(stopped.Chat.Id, TelegramTransport.TransportName, cancellationToken);
        if (actor is null || liveReplies.FindByDraft(stopped.Chat.Id, stopped.DraftId) is not { } liveReplyId)
        {
            return;
        }

        await sender.SendAsAsync(actor, new StopAnswer.Command(liveReplyId), cancellationToken);
    }

    private async Task OnEditedAsync(Message edited, CancellationToken cancellationToken)
    {
        if (edited.Chat.Type != ChatType.Private || edited.From is not { IsBot: false } from)
        {
            return; // in groups, edits are not addressed to the bot
        }

        var conversation = Conversation(edited);
        if (await ResolveAsync(from.Id, conversation, cancellationToken) is not null)
        {
            await transport.SendAsync(conversation, Reply.Plain("I don't pick up edited messages yet: send the corrected text as a new message."), cancellationToken);
        }
    }

    /// <summary>The allowed actor, or null after refusing a stranger (at most once per period).</summary>
    private async Task<Actor?> ResolveAsync(long userId, ConversationReference conversation, CancellationToken cancellationToken)
    {
        var actor = await users.ResolveAsync(userId, TelegramTransport.TransportName, cancellationToken);
        if (actor is null)
        {
            LogStranger(userId);
            if (refusals.ShouldRefuse(userId))
            {
                await transport.SendAsync(conversation, Reply.Plain(Refusals.Text(userId)), cancellationToken);
            }
        }

        return actor;
    }

    private async Task AnswerButtonAsync(CallbackQuery query, string? alert, CancellationToken cancellationToken)
    {
        try
        {
            await bot.Client.AnswerCallbackQuery(query.Id, alert, showAlert: alert is not null, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            // Telegram forgets a press after a while ("query is too old"); the action itself already ran.
            LogAnswerFailed(ex.Message);
        }
    }

    // An alert holds 200 characters.
    private static string Alert(string text) => TextLimits.Truncate(text, 200);

    private static ConversationReference Conversation(Message message) => ChatTarget.Of(message).ToConversation();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Update {UpdateId} ({Type}) is not handled")]
    private partial void LogIgnored(int updateId, UpdateType type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} cannot be written to: {Reason}")]
    private partial void LogUnreachable(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({Type}) failed; the next update is handled")]
    private partial void LogFailed(Exception exception, int updateId, UpdateType type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram user {UserId} is not on the allow-list")]
    private partial void LogStranger(long userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A button press could not be acknowledged: {Reason}")]
    private partial void LogAnswerFailed(string reason);
}
