using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/model &lt;name&gt;</c> (or a picker button): checks the model and saves it for this chat.</summary>
public static class SetModel
{
    /// <summary><c>/model</c> alone opens the picker (<see cref="PickModel"/>).</summary>
    public static readonly CommandDescriptor Descriptor = new(
        "model", "Choose this chat's model (a picker without a name)", "[alias | endpoint:model]", [],
        (arguments, context) => arguments.Positional.Count == 0
            ? new PickModel.Command(context.Conversation)
            : new Command(arguments.Text, context.Conversation));

    /// <param name="Model">An alias or <c>endpoint:model</c>.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    /// <param name="FromPicker">Pressed in the picker: the answer replaces the picker.</param>
    public sealed record Command(string Model, ConversationReference Conversation, bool FromPicker = false) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Model).NotEmpty().MaximumLength(200).WithMessage("name a model, e.g. /model gateway:gpt-4o-mini (see /models)");
    }

    internal sealed class Handler(IModelRouter router, ISettingsStore settings, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var name = request.Model.Trim();
            var context = new LlmCallContext { Actor = actor.Current!, Purpose = "chat" };
            // Throws ModelNotAvailableException, whose message says what is wrong with the name.
            var resolved = await router.ResolveAsync(name, context, request.Conversation, cancellationToken);
            await EnsureOfferedAsync(resolved.Reference, name, cancellationToken);
            await settings.SetAsync(SettingKeys.Model, new SettingScope.Chat(request.Conversation), name, cancellationToken);
            var shown = resolved.Alias is null ? resolved.Reference.ToString() : $"{resolved.Alias} ({resolved.Reference})";
            return Reply.Plain($"Model set to {shown} for this chat.") with { ReplacesOrigin = request.FromPicker };
        }

        /// <summary>A bare or mistyped model name resolves without error; the endpoint's own list says whether it exists.</summary>
        private async Task EnsureOfferedAsync(ModelReference reference, string name, CancellationToken cancellationToken)
        {
            var listed = (await router.ListModelsAsync(cancellationToken))
                .Where(l => l.Available && string.Equals(l.Reference.Endpoint, reference.Endpoint, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (listed.Count > 0 && !listed.Any(l => l.Reference == reference))
            {
                throw new ModelNotAvailableException($"{reference.Endpoint} does not offer '{name}': send /models to see the models you can use.");
            }
        }
    }
}
