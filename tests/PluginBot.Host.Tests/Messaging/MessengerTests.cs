using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Messaging;

[Collection(TestHandlersCollection.Name)]
public sealed class MessengerTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private IMessenger Messenger => Host.Services.GetRequiredService<IMessenger>();

    private RecordingTransport Transport => Host.Services.GetServices<IMessengerTransport>().OfType<RecordingTransport>().Single();

    [Fact]
    public async Task Sends_edits_deletes_and_activity_go_to_the_transport_named_in_the_reference()
    {
        var chat = new ConversationReference(RecordingTransport.TransportName, "-100", "7");
        var before = Transport.Calls.Count;
        var sent = await Messenger.SendAsync(chat, Reply.Markdown("*hi*"));
        await Messenger.EditAsync(sent, Reply.Plain("edited"));
        await Messenger.SendActivityAsync(chat, ActivityKind.Typing);
        await Messenger.DeleteAsync(sent);

        Assert.Equal(chat, sent.Conversation);
        Assert.Equal(
            [$"send {chat} *hi*", $"edit {sent.MessageId} edited", $"activity {chat} Typing", $"delete {sent.MessageId}"],
            Transport.Calls.Skip(before));
    }

    [Fact]
    public async Task A_reference_to_a_transport_that_is_not_active_is_refused_clearly()
    {
        var error = await Assert.ThrowsAnyAsync<PluginBotException>(() => Messenger.SendAsync(new ConversationReference("slack", "C1"), Reply.Plain("x")));
        Assert.Contains("'slack' transport is not active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_without_live_replies_shows_typing_once_then_only_the_final_reply()
    {
        var chat = new ConversationReference(RecordingTransport.TransportName, "-200");
        var before = Transport.Calls.Count;
        await using (var live = await Messenger.OpenLiveReplyAsync(chat, HostFixture.User))
        {
            await live.AppendAsync("Hel");
            await live.AppendAsync("lo");
            await live.CompleteAsync(Reply.Markdown("Hello, world"));
            Assert.False(live.Stopped.CanBeCanceled);
        }

        Assert.Equal([$"activity {chat} Typing", $"send {chat} Hello, world"], Transport.Calls.Skip(before));
    }

    [Fact]
    public async Task A_user_is_notified_in_their_private_conversation()
    {
        var sent = await Messenger.NotifyUserAsync(HostFixture.UserId, Reply.Plain("your task finished"));
        Assert.Equal(new ConversationReference(RecordingTransport.TransportName, "2"), sent.Conversation);
    }

    [Fact]
    public async Task Every_admin_is_notified_and_one_failing_delivery_does_not_stop_the_others()
    {
        await Host.SendAsync(new Host.Identity.AllowUser.Command(50), HostFixture.Admin);
        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            var db = scope.ServiceProvider.GetRequiredService<Host.Storage.KernelDbContext>();
            (await db.Users.FindAsync(50L))!.IsAdmin = true;
            db.Users.Add(new Host.Storage.UserRow { Id = 51, IsAllowed = true, IsAdmin = true, ChangedBy = "test" });
            await db.SaveChangesAsync();
        }

        Transport.FailFor.Add("1"); // the first admin's chat is broken
        try
        {
            await Messenger.NotifyAdminsAsync(Reply.Plain("disk almost full"));
        }
        finally
        {
            Transport.FailFor.Clear();
        }

        var notified = Transport.Calls.Where(c => c.EndsWith("disk almost full", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"send {RecordingTransport.TransportName}:50 disk almost full", $"send {RecordingTransport.TransportName}:51 disk almost full"], notified);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("Could not notify admin 1", StringComparison.Ordinal));
    }
}
