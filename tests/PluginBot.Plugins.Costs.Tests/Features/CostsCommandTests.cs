using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Features;

public sealed class CostsCommandTests(CostsFixture fixture) : CostsTest(fixture)
{
    [Fact]
    public async Task With_no_calls_it_says_so()
    {
        var reply = await Host.CommandAsync("/costs", HostFixture.User);

        Assert.Equal("Your spend, 1–25 Nov 2026: no model calls recorded.", reply.Text);
        Assert.Null(reply.Attachment);
    }

    [Fact]
    public async Task A_user_sees_a_table_of_their_own_spend_and_a_chart()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.User, model: "cheap");
        await Host.CallAsync(HostFixture.OtherUser);

        var reply = await Host.CommandAsync("/costs today", HostFixture.User);

        Assert.StartsWith("**Your spend, 25 Nov 2026** (UTC): **$0.0286** in 2 calls", reply.Text, StringComparison.Ordinal);
        Assert.Contains("gateway:gpt-test         $0.026      1 call\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("gateway:cheap-model     $0.0026      1 call\n", reply.Text, StringComparison.Ordinal);
        var chart = Assert.IsType<ReplyAttachment>(reply.Attachment);
        Assert.Equal(AttachmentKind.Photo, chart.Kind);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart.Content[..4].ToArray());
    }

    [Fact]
    public async Task One_call_is_one_call_not_one_calls()
    {
        await Host.CallAsync(HostFixture.User);

        var reply = await Host.CommandAsync("/costs today", HostFixture.User);

        Assert.Contains("**$0.026** in 1 call\n", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_name_cannot_break_the_table_out_of_its_code_block()
    {
        await Host.CallAsync(HostFixture.User, model: "gateway:```\n**x** <b>|y|");

        var reply = await Host.CommandAsync("/costs today", HostFixture.User);

        var table = reply.Text[(reply.Text.IndexOf("```\n", StringComparison.Ordinal) + 4)..];
        Assert.EndsWith("```", table, StringComparison.Ordinal);
        Assert.DoesNotContain("```", table[..^3], StringComparison.Ordinal);
        Assert.Contains("gateway:''' **x** <b>|y|", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_everyone_by_user_with_all()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.OtherUser);
        await Host.CallAsync(HostFixture.OtherUser);

        var reply = await Host.CommandAsync("/costs week --by user --all", HostFixture.Admin);

        Assert.StartsWith("**Everyone's spend, 19–25 Nov 2026** (UTC): **$0.078** in 3 calls", reply.Text, StringComparison.Ordinal);
        Assert.Contains("user 3      $0.052      2 calls", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_see_everyones_spend()
    {
        await Host.CallAsync(HostFixture.OtherUser);

        var reply = await Host.CommandAsync("/costs --all", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Equal("Only admins can see everyone's spend: leave out --all to see yours.", reply.Text);
    }

    [Theory]
    [InlineData("/costs yesteryear", "'yesteryear' is not a period: use today, yesterday, week, month, a date (2026-11-03) or a range (2026-11-01..2026-11-15).")]
    [InlineData("/costs 2026-11-20..2026-11-01", "The period 2026-11-20..2026-11-01 ends before it starts: write the earlier date first.")]
    [InlineData("/costs 2024-01-01..2026-01-01", "The period 2024-01-01..2026-01-01 is longer than 366 days: ask for a year or less at a time.")]
    [InlineData("/costs --by colour", "--by colour is not a grouping: use user, project, model, provider, schedule or day.")]
    [InlineData("/costs today week", "/costs takes one period, not 'today week'. Use today, week, month or 2026-11-01..2026-11-15.")]
    public async Task Bad_arguments_get_a_message_that_says_what_to_write(string line, string expected)
    {
        var reply = await Host.CommandAsync(line, HostFixture.User);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_day_lists_the_days_with_spend()
    {
        await Host.CallAsync(HostFixture.User);
        Host.Clock.Advance(TimeSpan.FromDays(2));
        await Host.CallAsync(HostFixture.User);

        var reply = await Host.CommandAsync("/costs week --by day", HostFixture.User);

        Assert.Contains("Wed 25 Nov      $0.026      1 call", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov      $0.026      1 call", reply.Text, StringComparison.Ordinal);
    }
}
