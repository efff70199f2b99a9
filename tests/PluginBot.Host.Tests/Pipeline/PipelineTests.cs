using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Identity;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Pipeline;

[Collection(TestHandlersCollection.Name)]
public sealed class PipelineTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    [Fact]
    public async Task An_allowed_user_reaches_the_handler()
    {
        var reply = await Host.SendAsync(new Probe.Command("ada", 2), HostFixture.User);
        Assert.Equal("ada ada (as User)", reply.Text);
    }

    [Fact]
    public async Task A_user_not_on_the_allow_list_is_refused_with_their_id()
    {
        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new Probe.Command("ada", 1), HostFixture.Stranger));
        Assert.Contains($"/allow {HostFixture.StrangerId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_actor_is_refused()
    {
        await using var scope = Host.CreateScope(actor: null);
        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        await Assert.ThrowsAsync<ForbiddenException>(() => mediator.Send(new Probe.Command("ada", 1)));
    }

    [Fact]
    public async Task A_user_denied_at_run_time_is_refused_on_the_next_request()
    {
        await Host.SendAsync(new Probe.Command("ada", 1), HostFixture.User);
        await Host.SendAsync(new DenyUser.Command(HostFixture.UserId), HostFixture.Admin);
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new Probe.Command("ada", 1), HostFixture.User));
    }

    [Fact]
    public async Task The_actor_kind_is_taken_from_the_directory_not_from_the_transport()
    {
        // A transport claiming admin for an ordinary user gains nothing.
        var impostor = HostFixture.User with { Kind = PluginBot.Abstractions.Actors.ActorKind.Admin };
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AdminOnlyProbe(), impostor));
    }

    [Fact]
    public async Task Admin_only_requests_accept_admins_and_the_system_only()
    {
        Assert.Equal("admin ok", await Host.SendAsync(new AdminOnlyProbe(), HostFixture.Admin));
        Assert.Equal("admin ok", await Host.SendAsync(new AdminOnlyProbe(), HostFixture.System));
        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AdminOnlyProbe(), HostFixture.User));
        Assert.Equal("Only admins can do this.", error.Message);
    }

    [Fact]
    public async Task Owner_only_requests_ask_the_owning_plugins_authorizer()
    {
        Assert.Equal("owner ok", await Host.SendAsync(new OwnedProbe(HostFixture.UserId), HostFixture.User));
        Assert.Equal("owner ok", await Host.SendAsync(new OwnedProbe(HostFixture.UserId), HostFixture.Admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new OwnedProbe(HostFixture.UserId), HostFixture.OtherUser));
    }

    [Fact]
    public async Task Owner_only_requests_without_an_authorizer_are_refused_to_users()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new UnownedProbe(), HostFixture.User));
        Assert.Equal("ok", await Host.SendAsync(new UnownedProbe(), HostFixture.Admin));
    }

    [Fact]
    public async Task Validation_reports_every_failure_by_field_at_once()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(new Probe.Command("", 9), HostFixture.User));
        Assert.Equal(["Name", "Times"], error.Errors.Select(e => e.Field).Order().ToArray());
        Assert.Contains("Times", error.Message, StringComparison.Ordinal);
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audited_requests_write_one_row_with_secrets_redacted()
    {
        await Host.SendAsync(new AuditedProbe("nightly", "sk-live-123456", "hunter2", Fail: false), HostFixture.User);

        var row = Assert.Single(await AuditRowsAsync(nameof(AuditedProbe)));
        Assert.Equal("Completed", row.Outcome);
        Assert.Equal(HostFixture.UserId, row.ActorId);
        Assert.Equal("User", row.ActorKind);
        using var arguments = JsonDocument.Parse(row.ArgumentsJson);
        Assert.Equal("nightly", arguments.RootElement.GetProperty("name").GetString());
        Assert.Equal("***", arguments.RootElement.GetProperty("credential").GetString());
        Assert.Equal("***", arguments.RootElement.GetProperty("password").GetString());
        Assert.DoesNotContain("sk-live-123456", row.ArgumentsJson, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", row.ArgumentsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_audited_request_is_recorded_with_its_error()
    {
        await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(new AuditedProbe("x", "s", "p", Fail: true), HostFixture.User));
        var row = Assert.Single(await AuditRowsAsync(nameof(AuditedProbe)));
        Assert.Equal("Failed", row.Outcome);
        Assert.Equal("ConflictException: probe refused", row.Error);
    }

    [Fact]
    public async Task Requests_that_are_not_audited_leave_no_audit_row()
    {
        await Host.SendAsync(new Probe.Command("ada", 1), HostFixture.User);
        Assert.Empty(await AuditRowsAsync(null));
    }

    [Fact]
    public async Task A_streamed_response_is_audited_when_it_ends_not_when_the_handler_returns()
    {
        var stream = await Host.SendAsync(new CountProbe(4, FailHalfway: false), HostFixture.User);
        Assert.Equal("Started", Assert.Single(await AuditRowsAsync(nameof(CountProbe))).Outcome);

        var items = new List<int>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        Assert.Equal([1, 2, 3, 4], items);
        Assert.Equal("Completed", Assert.Single(await AuditRowsAsync(nameof(CountProbe))).Outcome);
    }

    [Fact]
    public async Task A_stream_that_breaks_is_audited_as_failed()
    {
        var stream = await Host.SendAsync(new CountProbe(4, FailHalfway: true), HostFixture.User);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in stream)
            {
            }
        });
        var row = Assert.Single(await AuditRowsAsync(nameof(CountProbe)));
        Assert.Equal(nameof(StreamOutcome.Failed), row.Outcome);
        Assert.Contains("stream broke", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_the_caller_stops_reading_is_audited_as_abandoned()
    {
        var stream = await Host.SendAsync(new CountProbe(10, FailHalfway: false), HostFixture.User);
        await foreach (var item in stream)
        {
            if (item == 2)
            {
                break;
            }
        }

        Assert.Equal(nameof(StreamOutcome.Abandoned), Assert.Single(await AuditRowsAsync(nameof(CountProbe))).Outcome);
    }

    private async Task<List<AuditRow>> AuditRowsAsync(string? action)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        return await db.AuditLog.Where(a => action == null || a.Action == action).ToListAsync();
    }
}
