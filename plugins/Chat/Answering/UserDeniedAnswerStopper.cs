using MediatR;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>A denied user's answers stop where they are, in every chat, and their questions still waiting are dropped.</summary>
internal sealed class UserDeniedAnswerStopper(AnswerRunner runner) : INotificationHandler<UserDenied>
{
    public Task Handle(UserDenied notification, CancellationToken cancellationToken) =>
        runner.ResetUserAsync(notification.UserId, () => Task.CompletedTask);
}
