using HelloPlugin.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Tasks;

namespace HelloPlugin.Features;

/// <summary>
/// Keeps the greeting a <see cref="GreetLater"/> task wrote. <see cref="TaskFinished"/> is durable and delivered at
/// least once, so a second delivery finds the row it wrote and adds none.
/// </summary>
internal sealed class GreetingTaskRecorder(IRequestSender sender, HelloDbContext database) : INotificationHandler<TaskFinished>
{
    public async Task Handle(TaskFinished notification, CancellationToken cancellationToken)
    {
        if (notification.Origin != GreetLater.Origin || notification.State != TaskState.Completed)
        {
            return;
        }

        if (await database.Greetings.AnyAsync(g => g.TaskId == notification.TaskId, cancellationToken))
        {
            return;
        }

        // Read as the task's owner: the pipeline checks them against the allow-list and that the task is theirs.
        var owner = new Actor(notification.OwnerId, ActorKind.User, "hello");
        var output = await sender.SendAsAsync(owner, new GetTaskOutput(notification.TaskId), cancellationToken);
        var greeting = output.Text.Trim();
        database.Greetings.Add(new GreetingRow
        {
            Name = greeting.Length <= 100 ? greeting : greeting[..100],
            ActorId = notification.OwnerId,
            SentAtUtc = notification.AtUtc,
            TaskId = notification.TaskId,
        });
        await database.SaveChangesAsync(cancellationToken);
    }
}
