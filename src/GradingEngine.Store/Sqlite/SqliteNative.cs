using System.Runtime.InteropServices;

namespace GradingEngine.Store.Sqlite;

/// <summary>
/// The few SQLite calls a run's rows are written with, imported from the same <c>e_sqlite3</c> library that
/// Microsoft.Data.Sqlite loads, on a raw statement handle: SQLitePCLRaw's <c>raw</c> calls take the statement as a
/// <see cref="SafeHandle"/> (a reference count taken and released on every call) through an interface, about a fifth
/// of the writer thread's time for 16 values a row. The bind calls neither block nor call back, so they run without
/// the GC transition; <c>step</c>, which writes to the file, does not.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>
    /// Binds UTF-8 text that SQLite reads where it is (SQLITE_STATIC): the caller keeps it there, pinned and unchanged,
    /// until the statement has run and been reset.
    /// </summary>
    public static unsafe int BindStaticText(IntPtr statement, int index, byte* text, int length) => BindText(statement, index, text, length, IntPtr.Zero);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static unsafe partial int BindText(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(IntPtr statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int")]
    [SuppressGCTransition]
    public static partial int BindInt(IntPtr statement, int index, int value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [SuppressGCTransition]
    public static partial int Reset(IntPtr statement);
}
