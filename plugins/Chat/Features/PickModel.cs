using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/model</c> alone: one button per model; pressing one sends <see cref="SetModel.Command"/>.</summary>
public static class PickModel
{
    /// <summary>Telegram shows at most 100 buttons; a long list is cut with a pointer to /models.</summary>
    public const int MaxButtons = 40;

    /// <param name="Conversation">The chat it is for.</param>
    /// <param name="Mine">A picker for the sender's own model rather than the chat's.</param>
    public sealed record Command(ConversationReference Conversation, bool Mine = false) : IRequest<Reply>;

    internal sealed class Handler(IModelRouter router, IButtonTokens buttons, IConversationRoles roles, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            if (!request.Mine && !await roles.MayChangeForEveryoneAsync(request.Conversation, asker, cancellationToken))
            {
                throw new ForbiddenException(SetModel.Refusal);
            }

            var models = await router.ListModelsAsync(cancellationToken);
            if (models.Count == 0)
            {
                return Reply.Plain("No models are configured: set up a model endpoint (see /plugins).");
            }

            // One's own model is the one used where no chat has chosen: resolved without a chat.
            var current = await ModelLabels.CurrentAsync(router, new LlmCallContext { Actor = asker, Purpose = "chat" }, request.Mine ? null : request.Conversation, cancellationToken);
            var rows = new List<IReadOnlyList<ReplyButton>>();
            foreach (var model in models.Take(MaxButtons))
            {
                var name = ModelLabels.Name(model);
                var token = await buttons.IssueAsync(new SetModel.Command(name, request.Conversation, FromPicker: true, request.Mine), asker, cancellationToken: cancellationToken);
                var label = (model.Reference == current?.Reference ? "✓ " : "") + name + (model.Available ? "" : " (unavailable)");
                rows.Add([new ReplyButton(label, token)]);
            }

            var more = models.Count > MaxButtons ? $" Showing {MaxButtons} of {models.Count}; name others with /model <name>." : "";
            var title = request.Mine ? "Choose your own model, for chats that have not chosen one." : "Choose the model for this chat.";
            return Reply.Plain(title + more) with { Buttons = rows };
        }
    }
}
