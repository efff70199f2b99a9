using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Telegram.Sending;

namespace PluginBot.Plugins.Telegram.Tests.Sending;

public sealed class SendScheduleTests
{
    private static readonly SendLimits Limits = new()
    {
        PrivateChatSpacing = TimeSpan.FromSeconds(1),
        GroupSpacing = TimeSpan.FromSeconds(3),
        GlobalSpacing = TimeSpan.FromMilliseconds(100),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_first_call_to_a_chat_goes_at_once_and_the_next_waits_the_chat_spacing()
    {
        var schedule = new SendSchedule(Limits, _clock);
        await schedule.WaitTurnAsync(new ChatTarget(1, null), default);

        var second = schedule.WaitTurnAsync(new ChatTarget(1, null), default);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
    }

    [Fact]
    public async Task A_group_waits_longer_than_a_private_chat()
    {
        var schedule = new SendSchedule(Limits, _clock);
        await schedule.WaitTurnAsync(new ChatTarget(-5, null), default);

        var second = schedule.WaitTurnAsync(new ChatTarget(-5, null), default);
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await second;
    }

    [Fact]
    public async Task A_busy_chat_does_not_hold_up_another_chat_beyond_the_global_spacing()
    {
        var schedule = new SendSchedule(Limits, _clock);
        await schedule.WaitTurnAsync(new ChatTarget(1, null), default);
        var busyAgain = schedule.WaitTurnAsync(new ChatTarget(1, null), default);

        var other = schedule.WaitTurnAsync(new ChatTarget(2, null), default);
        _clock.Advance(TimeSpan.FromMilliseconds(100));

        await other;
        Assert.False(busyAgain.IsCompleted);
    }

    [Fact]
    public async Task Retry_after_pauses_only_that_chat()
    {
        var schedule = new SendSchedule(Limits, _clock);
        schedule.Pause(new ChatTarget(1, null), TimeSpan.FromSeconds(30));

        var paused = schedule.WaitTurnAsync(new ChatTarget(1, null), default);
        await schedule.WaitTurnAsync(new ChatTarget(2, null), default);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(paused.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await paused;
    }

    [Fact]
    public async Task Calls_to_one_chat_take_turns_and_a_caller_that_gives_up_does_not_let_the_next_jump_ahead()
    {
        // No spacing, so only the turn order can hold a call back.
        var schedule = new SendSchedule(new SendLimits { PrivateChatSpacing = TimeSpan.Zero, GlobalSpacing = TimeSpan.Zero }, _clock);
        var chat = new ChatTarget(1, null);
        var first = await schedule.EnterAsync(chat, default);
        using var impatient = new CancellationTokenSource();
        var second = schedule.EnterAsync(chat, impatient.Token);
        var third = schedule.EnterAsync(chat, default);

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        first.Dispose();
        (await third).Dispose();
    }
}
