using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/system</c>: shows this chat's system prompt, or with <c>--mine</c> the sender's own (bound by <see cref="SetSystemPrompt.Descriptor"/>).</summary>
public static class ShowSystemPrompt
{
    public sealed record Command(ConversationReference Conversation, bool Mine = false) : IRequest<Reply>;

    internal sealed class Handler(ISettingsStore settings, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Mine)
            {
                var own = await settings.GetAsync(SettingKeys.SystemPrompt, new SettingScope.User(actor.Current!.Id), cancellationToken);
                return Reply.Plain(own is null
                    ? "You have no system prompt of your own. Set one with /system --mine <text>."
                    : $"Your own system prompt, used in chats that have none:\n\n{own}\n\nChange it with /system --mine <text>, clear it with /system reset --mine.");
            }

            var prompt = await settings.GetAsync(SettingKeys.SystemPrompt, new SettingScope.Chat(request.Conversation), cancellationToken);
            return Reply.Plain(prompt is null
                ? "No system prompt is set for this chat. Set one with /system <text>."
                : $"System prompt for this chat:\n\n{prompt}\n\nChange it with /system <text>, clear it with /system reset.");
        }
    }
}
