using HelloPlugin.Storage;
using MediatR;

namespace HelloPlugin.Features;

/// <summary>Writes every greeting into the plugin's own table. Runs in its own scope, isolated from other handlers.</summary>
internal sealed class GreetingSentRecorder(HelloDbContext database) : INotificationHandler<GreetingSent>
{
    public async Task Handle(GreetingSent notification, CancellationToken cancellationToken)
    {
        database.Greetings.Add(new GreetingRow
        {
            Name = notification.Name,
            ActorId = notification.ActorId,
            SentAtUtc = notification.SentAtUtc,
        });
        await database.SaveChangesAsync(cancellationToken);
    }
}
