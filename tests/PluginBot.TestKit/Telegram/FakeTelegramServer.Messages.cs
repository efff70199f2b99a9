using System.Text;
using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

public sealed partial class FakeTelegramServer
{
    private const int MaxTextLength = 4096;
    private const int MaxCaptionLength = 1024;
    private const string AttachPrefix = "attach://";

    private readonly List<FakeDocument> _documents = [];

    private Outcome SendMessage(TelegramArgs args)
    {
        var content = Format(args.Text("text"), args.Text("parse_mode"), args.Node("reply_markup"), out var error);
        if (content is null)
        {
            return Fail(error!);
        }

        if (content.Text.Length > MaxTextLength)
        {
            return Fail(TelegramErrors.MessageTooLong);
        }

        return Send(args, content, isCaption: false, extra: []);
    }

    private Outcome SendFile(TelegramArgs args, string kind)
    {
        var content = Format(args.Text("caption") ?? "", args.Text("parse_mode"), args.Node("reply_markup"), out var error, allowEmpty: true);
        if (content is null)
        {
            return Fail(error!);
        }

        if (content.Text.Length > MaxCaptionLength)
        {
            return Fail(TelegramErrors.BadRequest("message caption is too long"));
        }

        var reference = args.Text(kind);
        var upload = reference is not null && reference.StartsWith(AttachPrefix, StringComparison.Ordinal)
            ? args.Files.GetValueOrDefault(reference[AttachPrefix.Length..])
            : args.Files.GetValueOrDefault(kind);
        if (upload is null && reference?.StartsWith(AttachPrefix, StringComparison.Ordinal) == true)
        {
            return Fail(TelegramErrors.BadRequest("wrong file identifier/HTTP URL specified"));
        }

        if (upload is null && string.IsNullOrEmpty(reference))
        {
            return Fail(TelegramErrors.BadRequest($"there is no {kind} in the request"));
        }

        if (upload is { Size: 0 })
        {
            return Fail(TelegramErrors.BadRequest("file must be non-empty"));
        }

        var fileName = upload?.FileName ?? reference!;
        var size = upload?.Size ?? 0;
        var fileId = upload is null ? reference! : "BQACAgI" + Guid.NewGuid().ToString("N");
        JsonObject extra = kind == "photo"
            ? new() { ["photo"] = new JsonArray(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "AgAD" + fileId[^8..], ["width"] = 1280, ["height"] = 960, ["file_size"] = size }) }
            : new() { ["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "AgAD" + fileId[^8..], ["file_name"] = fileName, ["mime_type"] = upload?.ContentType ?? "application/octet-stream", ["file_size"] = size } };
        var outcome = Send(args, content, isCaption: true, extra);
        if (outcome.Error is null)
        {
            lock (_gate)
            {
                _documents.Add(new FakeDocument(outcome.Result!["chat"]!["id"]!.GetValue<long>(), outcome.Result["message_id"]!.GetValue<long>(), kind, fileName, content.Text.Length > 0 ? content.Text : null, size));
            }
        }

        return outcome;
    }

    private Outcome Send(TelegramArgs args, FakeMessageContent content, bool isCaption, JsonObject extra)
    {
        var outcome = Store(args, content, isCaption, extra, out var sent);
        if (sent is not null)
        {
            BotMessageSent?.Invoke(sent);
        }

        return outcome;
    }

    private Outcome Store(TelegramArgs args, FakeMessageContent content, bool isCaption, JsonObject extra, out FakeSentMessage? sent)
    {
        sent = null;
        lock (_gate)
        {
            if (ChatFor(args, out var chat) is { } chatError)
            {
                return Fail(chatError);
            }

            if (extra.ContainsKey("photo") || extra.ContainsKey("document"))
            {
                if (_noMedia.Contains(chat.Id))
                {
                    return Fail(TelegramErrors.BadRequest($"not enough rights to send {(extra.ContainsKey("photo") ? "photos" : "documents")} to the chat"));
                }
            }

            var threadId = args.SmallNumber("message_thread_id");
            if (threadId is not null && !chat.IsForum)
            {
                return Fail(TelegramErrors.BadRequest("message thread not found"));
            }

            if (_flood.TryTake(Limits, chat.Id, chat.Type == "private", Clock.GetUtcNow()) is { } retryAfter)
            {
                return Fail(TelegramErrors.TooManyRequests(retryAfter));
            }

            var message = new StoredMessage(++_nextMessageId, chat, threadId, Now)
            {
                Content = content,
                ReplyMarkup = args.Node("reply_markup"),
                IsCaption = isCaption,
                Extra = extra,
                SentAt = Clock.GetUtcNow(),
            };
            _messages[message.Id] = message;
            sent = message.Snapshot();
            return Ok(MessageJson(message));
        }
    }

    private Outcome EditMessageText(TelegramArgs args)
    {
        var markup = args.Node("reply_markup");
        var content = Format(args.Text("text"), args.Text("parse_mode"), markup, out var error);
        if (content is null)
        {
            return Fail(error!);
        }

        if (content.Text.Length > MaxTextLength)
        {
            return Fail(TelegramErrors.MessageTooLong);
        }

        return Edit(args, content, markup, message => message.IsCaption ? TelegramErrors.BadRequest("there is no text in the message to edit") : null);
    }

    private Outcome EditMessageReplyMarkup(TelegramArgs args)
    {
        var markup = args.Node("reply_markup");
        lock (_gate)
        {
            var current = _messages.GetValueOrDefault(args.Number("message_id") ?? 0)?.Content;
            var content = current is null ? null : current with { Buttons = TelegramPayloads.Buttons(markup) };
            return content is null ? Fail(TelegramErrors.BadRequest("message to edit not found")) : Edit(args, content, markup, _ => null);
        }
    }

    private Outcome Edit(TelegramArgs args, FakeMessageContent content, JsonNode? markup, Func<StoredMessage, TelegramError?> check)
    {
        lock (_gate)
        {
            if (ChatFor(args, out var chat) is { } chatError)
            {
                return Fail(chatError);
            }

            if (!_messages.TryGetValue(args.Number("message_id") ?? 0, out var message) || message.Chat.Id != chat.Id || message.Deleted)
            {
                return Fail(TelegramErrors.BadRequest("message to edit not found"));
            }

            if (message.From is not null)
            {
                return Fail(TelegramErrors.BadRequest("message can't be edited"));
            }

            if (check(message) is { } kindError)
            {
                return Fail(kindError);
            }

            if (content.Text == message.Content.Text && content.Entities.SequenceEqual(message.Content.Entities)
                && JsonNode.DeepEquals(markup, message.ReplyMarkup))
            {
                return Fail(TelegramErrors.NotModified);
            }

            // Edits count against the same flood limits as sends, as in Telegram.
            if (_flood.TryTake(Limits, chat.Id, chat.Type == "private", Clock.GetUtcNow()) is { } retryAfter)
            {
                return Fail(TelegramErrors.TooManyRequests(retryAfter));
            }

            message.History.Add(message.Content);
            message.Content = content;
            message.ReplyMarkup = markup;
            message.EditDate = Now;
            return Ok(MessageJson(message));
        }
    }

    private Outcome DeleteMessage(TelegramArgs args)
    {
        lock (_gate)
        {
            if (ChatFor(args, out var chat) is { } chatError)
            {
                return Fail(chatError);
            }

            if (!_messages.TryGetValue(args.Number("message_id") ?? 0, out var message) || message.Chat.Id != chat.Id || message.Deleted)
            {
                return Fail(TelegramErrors.BadRequest("message to delete not found"));
            }

            message.Deleted = true;
            return Ok(true);
        }
    }

    private static FakeMessageContent? Format(string? source, string? parseMode, JsonNode? markup, out TelegramError? error, bool allowEmpty = false)
    {
        string text;
        List<FakeEntity> entities;
        error = parseMode?.ToUpperInvariant() switch
        {
            null or "" => Plain(source ?? "", out text, out entities),
            "HTML" => HtmlEntityParser.Parse(source ?? "", out text, out entities),
            "MARKDOWNV2" => MarkdownV2Parser.Parse(source ?? "", out text, out entities),
            "MARKDOWN" => Plain(source ?? "", out text, out entities),
            _ => Unsupported(out text, out entities),
        };
        if (error is null && !allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            error = TelegramErrors.BadRequest("message text is empty");
        }

        var buttons = TelegramPayloads.Buttons(markup);
        if (error is null && buttons.SelectMany(row => row).Any(b => b.CallbackData is { } data && Encoding.UTF8.GetByteCount(data) is 0 or > 64))
        {
            error = TelegramErrors.BadRequest("BUTTON_DATA_INVALID");
        }

        return error is null ? new FakeMessageContent(text, parseMode, entities, buttons) : null;
    }

    private static TelegramError? Plain(string source, out string text, out List<FakeEntity> entities)
    {
        text = source;
        entities = [];
        return null;
    }

    private static TelegramError Unsupported(out string text, out List<FakeEntity> entities)
    {
        text = "";
        entities = [];
        return TelegramErrors.BadRequest("unsupported parse_mode");
    }
}
