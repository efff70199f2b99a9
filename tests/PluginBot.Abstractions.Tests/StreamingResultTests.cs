using System.Runtime.CompilerServices;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Abstractions.Tests;

public sealed class StreamingResultTests
{
    private static async IAsyncEnumerable<int> Numbers(int count, bool failAtEnd = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }

        if (failAtEnd)
        {
            throw new InvalidOperationException("broken");
        }
    }

    private static (StreamingResult<int> Result, List<(StreamOutcome Outcome, Exception? Error)> Seen) Observed(IAsyncEnumerable<int> source)
    {
        var result = new StreamingResult<int>(source);
        var seen = new List<(StreamOutcome, Exception?)>();
        result.OnCompleted((outcome, error) =>
        {
            seen.Add((outcome, error));
            return ValueTask.CompletedTask;
        });
        return (result, seen);
    }

    [Fact]
    public async Task Reading_to_the_end_reports_completed_once()
    {
        var (result, seen) = Observed(Numbers(3));
        Assert.Equal([0, 1, 2], await result.ToListAsync());
        Assert.Equal([(StreamOutcome.Completed, (Exception?)null)], seen);
    }

    [Fact]
    public async Task A_producer_error_reports_failed_with_the_error_and_still_throws()
    {
        var (result, seen) = Observed(Numbers(2, failAtEnd: true));
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.ToListAsync().AsTask());
        var (outcome, error) = Assert.Single(seen);
        Assert.Equal(StreamOutcome.Failed, outcome);
        Assert.Equal("broken", error!.Message);
    }

    [Fact]
    public async Task Cancelling_the_reader_reports_cancelled()
    {
        var (result, seen) = Observed(Numbers(100));
        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in result.WithCancellation(cancellation.Token))
            {
                if (item == 1)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(StreamOutcome.Cancelled, Assert.Single(seen).Outcome);
    }

    [Fact]
    public async Task Stopping_early_reports_abandoned()
    {
        var (result, seen) = Observed(Numbers(100));
        await foreach (var item in result)
        {
            if (item == 1)
            {
                break;
            }
        }

        Assert.Equal(StreamOutcome.Abandoned, Assert.Single(seen).Outcome);
    }

    [Fact]
    public async Task A_stream_never_read_can_be_abandoned_explicitly_and_only_once()
    {
        var (result, seen) = Observed(Numbers(1));
        await result.AbandonAsync();
        await result.AbandonAsync();
        Assert.Equal(StreamOutcome.Abandoned, Assert.Single(seen).Outcome);
    }

    [Fact]
    public async Task A_stream_can_be_read_only_once()
    {
        var (result, _) = Observed(Numbers(1));
        await result.ToListAsync();
        Assert.Throws<InvalidOperationException>(() => result.GetAsyncEnumerator());
    }
}
