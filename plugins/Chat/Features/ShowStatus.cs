using System.Globalization;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/status</c>: the chat's model and where it comes from, the project, the conversation's size, a running answer.</summary>
public static class ShowStatus
{
    public static readonly CommandDescriptor Descriptor = new(
        "status", "Show the model, project and conversation size of this chat", "", [], (_, context) => new Command(context.Conversation));

    public sealed record Command(ConversationReference Conversation) : IRequest<Reply>;

    internal sealed class Handler(IModelRouter router, ISettingsStore settings, ConversationStore store, AnswerRunner runner, IActorAccessor actor)
        : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            var key = ConversationKey.Of(request.Conversation, asker.Id);
            var model = await ModelLabels.CurrentAsync(router, new LlmCallContext { Actor = asker, Purpose = "chat" }, request.Conversation, cancellationToken);
            var project = await settings.ResolveAsync(SettingKeys.Project, asker.Id, request.Conversation, cancellationToken: cancellationToken);
            var open = await store.FindOpenAsync(key, cancellationToken);
            var (messages, tokens) = open is null ? default : await store.SizeAsync(open.Id, cancellationToken);
            var pending = runner.Pending(key);

            string[] lines =
            [
                model is null
                    ? "Model: none configured (set LLM_MODEL or choose one with /model)"
                    : $"Model: {(model.Alias is null ? "" : model.Alias + " = ")}{model.Reference} ({await SourceAsync(request.Conversation, asker.Id, cancellationToken)})",
                $"Project: {project ?? "none"}",
                string.Create(CultureInfo.InvariantCulture, $"Conversation: {messages} {(messages == 1 ? "message" : "messages")}, about {tokens} tokens"),
                pending == 0 ? "Answer: none running" : string.Create(CultureInfo.InvariantCulture, $"Answer: running ({pending} in this chat's queue)"),
            ];
            return Reply.Plain(string.Join('\n', lines));
        }

        private async Task<string> SourceAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken) =>
            await settings.GetAsync(SettingKeys.Model, new SettingScope.Chat(conversation), cancellationToken) is not null ? "chosen for this chat"
            : await settings.GetAsync(SettingKeys.Model, new SettingScope.User(userId), cancellationToken) is not null ? "your default"
            : "the bot's default";
    }
}
