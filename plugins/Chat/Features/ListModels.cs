using System.Text;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/models</c>: every model the router can reach, with aliases and availability.</summary>
public static class ListModels
{
    public static readonly CommandDescriptor Descriptor = new(
        "models", "List the models, their aliases and whether they answer", "", [], (_, context) => new Command(context.Conversation));

    public sealed record Command(ConversationReference Conversation) : IRequest<Reply>;

    internal sealed class Handler(IModelRouter router, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var models = await router.ListModelsAsync(cancellationToken);
            if (models.Count == 0)
            {
                return Reply.Plain("No models are configured: set up a model endpoint (see /plugins).");
            }

            var current = await ModelLabels.CurrentAsync(router, new LlmCallContext { Actor = actor.Current!, Purpose = "chat" }, request.Conversation, cancellationToken);
            var text = new StringBuilder("Models:\n");
            foreach (var model in models)
            {
                text.Append(model.Reference == current?.Reference ? "✓ " : "• ").Append(model.Reference);
                if (model.Aliases.Count > 0)
                {
                    text.Append(" (alias ").AppendJoin(", ", model.Aliases).Append(')');
                }

                text.AppendLine(model.Available ? "" : " — unavailable");
            }

            text.Append("\nChoose one for this chat with /model <name>, or /model for buttons.");
            return Reply.Plain(text.ToString());
        }
    }
}
