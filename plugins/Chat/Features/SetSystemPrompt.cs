using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary>
/// <c>/system &lt;text&gt;</c> sets this chat's system prompt, <c>/system reset</c> clears it (in a group, only its
/// admins may); with <c>--mine</c>, the sender's own prompt, used in chats that have none.
/// </summary>
public static class SetSystemPrompt
{
    public const int MaxLength = 8000;

    public static readonly string Refusal = ChatWideSettings.Refusal("system prompt", "/system --mine <text>");

    /// <summary><c>/system</c> alone shows the prompt (<see cref="ShowSystemPrompt"/>).</summary>
    public static readonly CommandDescriptor Descriptor = new(
        "system", "Show, set or clear this chat's system prompt", "[text | reset] [--mine]",
        [new FlagSpec(ChatWideSettings.Mine, false, "Your own prompt, for chats that have none")],
        (arguments, context) =>
        {
            var mine = arguments.Has(ChatWideSettings.Mine);
            return arguments.Positional.Count switch
            {
                0 => new ShowSystemPrompt.Command(context.Conversation, mine),
                1 when string.Equals(arguments.Positional[0], "reset", StringComparison.OrdinalIgnoreCase) => new Command(null, context.Conversation, mine),
                _ => new Command(arguments.Text, context.Conversation, mine),
            };
        });

    /// <param name="Prompt">The new prompt, or null to clear it.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    /// <param name="Mine">The sender's own prompt rather than the chat's.</param>
    [Audited]
    public sealed record Command(string? Prompt, ConversationReference Conversation, bool Mine = false) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Prompt).MaximumLength(MaxLength).WithMessage($"is longer than {MaxLength} characters: shorten it");
    }

    internal sealed class Handler(ISettingsStore settings, IConversationRoles roles, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            if (request.Mine)
            {
                await settings.SetAsync(SettingKeys.SystemPrompt, new SettingScope.User(asker.Id), request.Prompt, cancellationToken);
                return Reply.Plain(request.Prompt is null
                    ? "Your own system prompt is cleared."
                    : "Your own system prompt is set; it applies from your next message in chats that have none.");
            }

            if (!await roles.MayChangeForEveryoneAsync(request.Conversation, asker, cancellationToken))
            {
                throw new ForbiddenException(Refusal);
            }

            await settings.SetAsync(SettingKeys.SystemPrompt, new SettingScope.Chat(request.Conversation), request.Prompt, cancellationToken);
            return Reply.Plain(request.Prompt is null
                ? "System prompt cleared for this chat."
                : "System prompt set for this chat; it applies from the next message in it.");
        }
    }
}
