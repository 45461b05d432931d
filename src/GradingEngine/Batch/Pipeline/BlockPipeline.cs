using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using GradingEngine.Batch.Input;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Reads a file block by block on one thread, processes blocks on <c>threads</c> workers, and hands the processed
/// blocks to <c>commit</c> strictly in file order on one thread. A fixed pool of work items bounds memory whatever
/// the file's size; committing in order is what makes output byte-identical on 1 or N threads.
/// </summary>
internal static class BlockPipeline
{
    /// <typeparam name="TWork">Per-block state: the block plus whatever a worker produces from it.</typeparam>
    public static void Run<TWork>(
        RecordFileReader reader,
        int threads,
        Func<TWork> newWork,
        Func<TWork, RecordBlock> blockOf,
        Action<TWork, int> process,
        Action<TWork> commit,
        CancellationToken cancellationToken)
        where TWork : class
    {
        threads = Math.Max(1, threads);
        var poolSize = (threads * 2) + 2;
        var free = Channel.CreateBounded<TWork>(poolSize);
        for (var i = 0; i < poolSize; i++)
        {
            free.Writer.TryWrite(newWork());
        }

        var toProcess = Channel.CreateBounded<TWork>(new BoundedChannelOptions(poolSize) { SingleWriter = true });
        var toCommit = Channel.CreateUnbounded<TWork>(new UnboundedChannelOptions { SingleReader = true });
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;

        var readTask = Task.Factory.StartNew(() =>
        {
            try
            {
                while (true)
                {
                    token.ThrowIfCancellationRequested();
                    var work = free.Reader.ReadAsync(token).AsTask().GetAwaiter().GetResult();
                    if (!reader.ReadBlock(blockOf(work)))
                    {
                        break;
                    }

                    toProcess.Writer.WriteAsync(work, token).AsTask().GetAwaiter().GetResult();
                }
            }
            catch
            {
                failed.Cancel();
                throw;
            }
            finally
            {
                toProcess.Writer.TryComplete();
            }
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var workers = new Task[threads];
        for (var w = 0; w < threads; w++)
        {
            var worker = w;
            workers[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    Work(worker);
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        void Work(int worker)
        {
                while (toProcess.Reader.WaitToReadAsync(token).AsTask().GetAwaiter().GetResult())
                {
                    while (toProcess.Reader.TryRead(out var work))
                    {
                        token.ThrowIfCancellationRequested();
                        process(work, worker);
                        toCommit.Writer.TryWrite(work);
                    }
                }
        }

        var done = Task.WhenAll(workers).ContinueWith(_ => toCommit.Writer.TryComplete(), TaskScheduler.Default);

        // Commit in order on this thread.
        var pending = new SortedDictionary<long, TWork>();
        long next = 0;
        Exception? error = null;
        try
        {
            while (toCommit.Reader.WaitToReadAsync(token).AsTask().GetAwaiter().GetResult())
            {
                while (toCommit.Reader.TryRead(out var work))
                {
                    pending.Add(blockOf(work).Sequence, work);
                    while (pending.Remove(next, out var ready))
                    {
                        commit(ready);
                        next++;
                        free.Writer.TryWrite(ready);
                    }
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        failed.Cancel();
        Task[] tasks = [readTask, .. workers, done];
        try
        {
            Task.WaitAll(tasks, CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Examined below.
        }

        var fault = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).FirstOrDefault(e => e is not OperationCanceledException);
        if (fault is not null)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException("Blocks were processed but not committed.");
        }
    }
}
