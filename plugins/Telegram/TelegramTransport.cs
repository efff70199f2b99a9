using System.Globalization;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Rendering;
using PluginBot.Plugins.Telegram.Replies;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PluginBot.Plugins.Telegram;

/// <summary>The kernel's messenger transport for Telegram: every reply is rendered, split and sent through the flood-aware sender.</summary>
internal sealed class TelegramTransport(FloodAwareSender sender, LiveReplies liveReplies) : IMessengerTransport, ILiveReplyTransport
{
    public const string TransportName = "telegram";

    public string Name => TransportName;

    public async Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var target = ChatTarget.From(conversation);
        var html = ReplyRenderer.Html(reply);
        var keyboard = ReplyRenderer.Keyboard(reply.Buttons);
        Message? last = null;
        if (reply.Attachment is { } attachment)
        {
            var fitsCaption = TelegramHtml.ToPlainText(html).Length <= ReplyRenderer.CaptionLimit;
            if (!fitsCaption)
            {
                await SendChunksAsync(target, ReplyRenderer.Chunks(html), null, cancellationToken);
            }

            try
            {
                last = await sender.SendFileAsync(
                    target, attachment.Kind == AttachmentKind.Photo, attachment.FileName, attachment.Content,
                    fitsCaption && html.Length > 0 ? html : null, keyboard, cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400)
            {
                // The chat refuses the file (members may not send media there, say): the words must still arrive.
                var note = TelegramHtml.Escape($"({Describe(attachment)} could not be sent in this chat: Telegram said “{Reason(ex)}”.)");
                var text = fitsCaption && html.Length > 0 ? html + "\n\n" + note : note;
                last = await SendChunksAsync(target, ReplyRenderer.MessageChunks(text), keyboard, cancellationToken);
            }
        }
        else
        {
            last = await SendChunksAsync(target, ReplyRenderer.MessageChunks(html), keyboard, cancellationToken);
        }

        return target.Message(last!.Id);
    }

    public async Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        var target = ChatTarget.From(message.Conversation);
        var chunks = ReplyRenderer.MessageChunks(ReplyRenderer.Html(reply));
        var keyboard = ReplyRenderer.Keyboard(reply.Buttons);
        var id = int.Parse(message.MessageId, CultureInfo.InvariantCulture);
        if (chunks.Count == 1)
        {
            await sender.EditTextAsync(target, id, chunks[0], keyboard, cancellationToken);
            return;
        }

        // Too long for one message now: the message keeps the start, the rest follows as new messages.
        await sender.EditTextAsync(target, id, chunks[0], null, cancellationToken);
        await SendChunksAsync(target, chunks.Skip(1).ToList(), keyboard, cancellationToken);
    }

    public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sender.DeleteAsync(ChatTarget.From(message.Conversation), int.Parse(message.MessageId, CultureInfo.InvariantCulture), cancellationToken);
    }

    public Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken)
    {
        var action = activity switch
        {
            ActivityKind.UploadingPhoto => ChatAction.UploadPhoto,
            ActivityKind.UploadingDocument => ChatAction.UploadDocument,
            _ => ChatAction.Typing,
        };
        return sender.SendChatActionAsync(ChatTarget.From(conversation), action, cancellationToken);
    }

    public ConversationReference PrivateConversation(long userId) =>
        new(TransportName, userId.ToString(CultureInfo.InvariantCulture));

    public Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken) =>
        liveReplies.OpenAsync(ChatTarget.From(conversation), owner, cancellationToken);

    private static string Describe(ReplyAttachment attachment) =>
        attachment.Kind == AttachmentKind.Photo ? "The picture" : $"The file {attachment.FileName}";

    private static string Reason(ApiRequestException ex) =>
        ex.Message.StartsWith("Bad Request: ", StringComparison.Ordinal) ? ex.Message["Bad Request: ".Length..] : ex.Message;

    private async Task<Message?> SendChunksAsync(ChatTarget target, IReadOnlyList<string> chunks, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        Message? last = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            last = await sender.SendTextAsync(target, chunks[i], i == chunks.Count - 1 ? keyboard : null, cancellationToken);
        }

        return last;
    }
}
