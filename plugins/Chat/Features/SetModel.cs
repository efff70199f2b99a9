using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary>
/// <c>/model &lt;name&gt;</c> (or a picker button): checks the model and saves it for this chat (in a group, only its
/// admins may), or with <c>--mine</c> as the sender's own model.
/// </summary>
public static class SetModel
{
    public static readonly string Refusal = ChatWideSettings.Refusal("model", "/model <name> --mine (or /model --mine for a picker)");

    /// <summary><c>/model</c> alone opens the picker (<see cref="PickModel"/>).</summary>
    public static readonly CommandDescriptor Descriptor = new(
        "model", "Choose this chat's model (a picker without a name)", "[alias | endpoint:model] [--mine]",
        [new FlagSpec(ChatWideSettings.Mine, false, "Your own model, for chats that have not chosen one")],
        (arguments, context) => arguments.Positional.Count == 0
            ? new PickModel.Command(context.Conversation, arguments.Has(ChatWideSettings.Mine))
            : new Command(arguments.Text, context.Conversation, Mine: arguments.Has(ChatWideSettings.Mine)));

    /// <param name="Model">An alias or <c>endpoint:model</c>.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    /// <param name="FromPicker">Pressed in the picker: the answer replaces the picker.</param>
    /// <param name="Mine">The sender's own model rather than the chat's.</param>
    public sealed record Command(string Model, ConversationReference Conversation, bool FromPicker = false, bool Mine = false) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Model).NotEmpty().MaximumLength(200).WithMessage("name a model, e.g. /model gateway:gpt-4o-mini (see /models)");
    }

    internal sealed class Handler(IModelRouter router, ISettingsStore settings, IConversationRoles roles, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            if (!request.Mine && !await roles.MayChangeForEveryoneAsync(request.Conversation, asker, cancellationToken))
            {
                throw new ForbiddenException(Refusal);
            }

            var name = request.Model.Trim();
            var context = new LlmCallContext { Actor = asker, Purpose = "chat" };
            // Throws ModelNotAvailableException, whose message says what is wrong with the name.
            var resolved = await router.ResolveAsync(name, context, request.Conversation, cancellationToken);
            await EnsureOfferedAsync(resolved.Reference, name, cancellationToken);
            SettingScope scope = request.Mine ? new SettingScope.User(asker.Id) : new SettingScope.Chat(request.Conversation);
            await settings.SetAsync(SettingKeys.Model, scope, name, cancellationToken);
            var shown = resolved.Alias is null ? resolved.Reference.ToString() : $"{resolved.Alias} ({resolved.Reference})";
            var text = request.Mine ? $"Model set to {shown} for you, in every chat that has not chosen one." : $"Model set to {shown} for this chat.";
            return Reply.Plain(text) with { ReplacesOrigin = request.FromPicker };
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
