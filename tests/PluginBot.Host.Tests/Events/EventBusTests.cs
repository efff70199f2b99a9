using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Mediator;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Events;

[Collection(TestHandlersCollection.Name)]
public sealed class EventBusTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    private EventBusStatistics Statistics => Host.Services.GetRequiredService<EventBusStatistics>();

    private async Task PublishAsync(INotification notification)
    {
        await using var scope = Host.CreateScope(HostFixture.User);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification);
    }

    [Fact]
    public async Task Every_handler_runs_as_the_publishers_actor()
    {
        var key = Guid.NewGuid().ToString();
        await PublishAsync(new Pinged(key, Throw: false, Hang: false));
        var seen = Assert.Single(Recorder.Seen, s => s.Key == key && s.Handler == nameof(PingedRecorder));
        Assert.Equal(HostFixture.User, seen.Actor);
    }

    [Fact]
    public async Task A_throwing_handler_is_counted_and_does_not_stop_the_others()
    {
        var key = Guid.NewGuid().ToString();
        var failuresBefore = Statistics.Failures;

        await PublishAsync(new Pinged(key, Throw: true, Hang: false));

        Assert.Equal(1, Recorder.Count(nameof(PingedRecorder), key));
        Assert.Equal(failuresBefore + 1, Statistics.Failures);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("Event handler PingedThrower failed for Pinged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_past_its_time_out_is_abandoned_and_cancelled_while_the_others_finish()
    {
        var key = Guid.NewGuid().ToString();
        var timeoutsBefore = Statistics.Timeouts;

        await PublishAsync(new Pinged(key, Throw: false, Hang: true));

        Assert.Equal(1, Recorder.Count(nameof(PingedRecorder), key));
        Assert.Equal(timeoutsBefore + 1, Statistics.Timeouts);
        await Eventually.UntilAsync(() => Recorder.Count(nameof(PingedHanger) + ".cancelled", key) == 1);
    }

    [Fact]
    public async Task Each_handler_gets_its_own_scope()
    {
        // A handler resolving a scoped service must not see the publisher's instance.
        await using var scope = Host.CreateScope(HostFixture.User);
        var publisherActor = scope.ServiceProvider.GetRequiredService<PluginBot.Host.Identity.ActorAccessor>();
        var key = Guid.NewGuid().ToString();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new Pinged(key, false, false));
        publisherActor.Current = HostFixture.Admin;
        Assert.Equal(HostFixture.User, Recorder.Seen.Single(s => s.Key == key).Actor);
    }

}
