using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/model</c> alone: one button per model; pressing one sends <see cref="SetModel.Command"/>.</summary>
public static class PickModel
{
    /// <summary>Telegram shows at most 100 buttons; a long list is cut with a pointer to /models.</summary>
    public const int MaxButtons = 40;

    public sealed record Command(ConversationReference Conversation) : IRequest<Reply>;

    internal sealed class Handler(IModelRouter router, IButtonTokens buttons, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            var models = await router.ListModelsAsync(cancellationToken);
            if (models.Count == 0)
            {
                return Reply.Plain("No models are configured: set up a model endpoint (see /plugins).");
            }

            var current = await ModelLabels.CurrentAsync(router, new LlmCallContext { Actor = asker, Purpose = "chat" }, request.Conversation, cancellationToken);
            var rows = new List<IReadOnlyList<ReplyButton>>();
            foreach (var model in models.Take(MaxButtons))
            {
                var name = ModelLabels.Name(model);
                var token = await buttons.IssueAsync(new SetModel.Command(name, request.Conversation, FromPicker: true), asker, cancellationToken: cancellationToken);
                var label = (model.Reference == current?.Reference ? "✓ " : "") + name + (model.Available ? "" : " (unavailable)");
                rows.Add([new ReplyButton(label, token)]);
            }

            var more = models.Count > MaxButtons ? $" Showing {MaxButtons} of {models.Count}; name others with /model <name>." : "";
            return Reply.Plain($"Choose the model for this chat.{more}") with { Buttons = rows };
        }
    }
}
