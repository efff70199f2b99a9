using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/system &lt;text&gt;</c> sets this chat's system prompt, <c>/system reset</c> clears it.</summary>
public static class SetSystemPrompt
{
    public const int MaxLength = 8000;

    /// <summary><c>/system</c> alone shows the prompt (<see cref="ShowSystemPrompt"/>).</summary>
    public static readonly CommandDescriptor Descriptor = new(
        "system", "Show, set or clear this chat's system prompt", "[text | reset]", [],
        (arguments, context) => arguments.Positional.Count switch
        {
            0 => new ShowSystemPrompt.Command(context.Conversation),
            1 when string.Equals(arguments.Positional[0], "reset", StringComparison.OrdinalIgnoreCase) => new Command(null, context.Conversation),
            _ => new Command(arguments.Text, context.Conversation),
        });

    /// <param name="Prompt">The new prompt, or null to clear it.</param>
    /// <param name="Conversation">The chat it applies to.</param>
    [Audited]
    public sealed record Command(string? Prompt, ConversationReference Conversation) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Prompt).MaximumLength(MaxLength).WithMessage($"is longer than {MaxLength} characters: shorten it");
    }

    internal sealed class Handler(ISettingsStore settings) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            await settings.SetAsync(SettingKeys.SystemPrompt, new SettingScope.Chat(request.Conversation), request.Prompt, cancellationToken);
            return Reply.Plain(request.Prompt is null
                ? "System prompt cleared for this chat."
                : "System prompt set for this chat; it applies from your next message.");
        }
    }
}
