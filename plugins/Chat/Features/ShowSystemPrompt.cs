using MediatR;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/system</c>: shows this chat's system prompt (bound by <see cref="SetSystemPrompt.Descriptor"/>).</summary>
public static class ShowSystemPrompt
{
    public sealed record Command(ConversationReference Conversation) : IRequest<Reply>;

    internal sealed class Handler(ISettingsStore settings) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var prompt = await settings.GetAsync(SettingKeys.SystemPrompt, new SettingScope.Chat(request.Conversation), cancellationToken);
            return Reply.Plain(prompt is null
                ? "No system prompt is set for this chat. Set one with /system <text>."
                : $"System prompt for this chat:\n\n{prompt}\n\nChange it with /system <text>, clear it with /system reset.");
        }
    }
}
