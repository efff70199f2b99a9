using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>
/// Tells a schedule's owner something (a skip, a pause) in the chat the schedule was made in, or privately when it was
/// made over a transport without one. A notice that cannot be delivered is logged: it never holds up the firing.
/// </summary>
internal sealed class ScheduleNotices(IMessenger messenger, ILogger<ScheduleNotices> logger)
{
    public async Task TellOwnerAsync(ScheduleRow schedule, Reply reply, CancellationToken cancellationToken)
    {
        try
        {
            if (ScheduleFirer.Conversation(schedule) is { } conversation)
            {
                await messenger.SendAsync(conversation, reply, cancellationToken);
            }
            else
            {
                await messenger.NotifyUserAsync(schedule.OwnerId, reply, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Schedule {Schedule}: its owner could not be told ({Error})", schedule.Id, ex.Message);
        }
    }
}
