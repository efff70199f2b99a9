using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Identity;

[Collection(TestHandlersCollection.Name)]
public sealed class RequestSenderTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private IRequestSender Sender => Host.Services.GetRequiredService<IRequestSender>();

    [Fact]
    public void No_plugin_can_assign_the_current_actor() =>
        Assert.False(typeof(IActorAccessor).GetProperty(nameof(IActorAccessor.Current))!.CanWrite);

    [Fact]
    public async Task A_request_sent_as_a_person_runs_in_a_scope_of_its_own_as_them()
    {
        var reply = await Sender.SendAsAsync(HostFixture.User, new Probe.Command("ada", 1));

        Assert.Equal("ada (as User)", reply.Text);
    }

    [Fact]
    public async Task An_actor_made_up_as_an_admin_runs_as_what_the_allow_list_says()
    {
        var forged = new Actor(HostFixture.UserId, ActorKind.Admin, "test");

        var reply = await Sender.SendAsAsync(forged, new Probe.Command("ada", 1));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Sender.SendAsAsync(forged, new AdminOnlyProbe()));

        Assert.Equal("ada (as User)", reply.Text);
        Assert.Equal("Only admins can do this.", refused.Message);
    }

    [Fact]
    public async Task Someone_off_the_allow_list_is_refused()
    {
        var stranger = new Actor(424242, ActorKind.User, "test");

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Sender.SendAsAsync(stranger, new Probe.Command("ada", 1)));

        Assert.Contains("not on this bot's allow-list", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acting_as_the_system_is_logged_with_who_asked_for_it()
    {
        var answer = await Sender.SendAsAsync(Actor.System("test-elevation"), new AdminOnlyProbe());

        Assert.Equal("admin ok", answer);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("Plugin PluginBot.Host.Tests sends AdminOnlyProbe as system/test-elevation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_known_only_at_run_time_answers_its_boxed_response()
    {
        object request = new Probe.Command("bo", 2);

        var reply = await Sender.SendAsAsync(HostFixture.Admin, (MediatR.IBaseRequest)request);

        Assert.Equal("bo bo (as Admin)", Assert.IsType<PluginBot.Abstractions.Replies.Reply>(reply).Text);
    }

    [Fact]
    public async Task An_event_published_as_someone_reaches_its_handlers_as_them()
    {
        var recorder = Host.Services.GetRequiredService<EventRecorder>();
        var marker = Guid.NewGuid().ToString("N");

        await Sender.PublishAsAsync(HostFixture.User, new Pinged(marker, Throw: false, Hang: false));

        await Eventually.UntilAsync(() => recorder.Count(nameof(PingedRecorder), marker) == 1);
        Assert.Equal(HostFixture.User, recorder.Seen.Single(s => s.Key == marker && s.Handler == nameof(PingedRecorder)).Actor);
    }
}
