package org.netbend.store;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine's file system as seen through a full disk: reading, listing, making folders and renaming work as
 * usual, but a new file cannot be created ({@link Mode#NO_FILES}: no inode left) or written to
 * ({@link Mode#NO_BYTES}: no block left), failing with the exceptions the JDK throws for the kernel's ENOSPC
 * ({@code FileSystemException(path, null, "No space left on device")} on create, {@code IOException("No space
 * left on device")} on write). A store opened on {@link #path} goes through it, so the test needs no real full disk.
 */
final class FullDisk extends FileSystem {
    static final String ENOSPC = "No space left on device";

    enum Mode { NO_FILES, NO_BYTES }

    private final FileSystem real;
    private final Provider provider;
    private final Mode mode;

    FullDisk(FileSystem real, Mode mode) {
        this.real = real;
        this.mode = mode;
        this.provider = new Provider(real.provider());
    }

    /** {@code folder} (a real one) as a path on this file system. */
    Path path(Path folder) {
        return wrap(folder);
    }

    private Path wrap(Path real) {
        return real == null ? null : new Wrapped(real);
    }

    private static Path unwrap(Path path) {
        return path instanceof Wrapped w ? w.real : path;
    }

    @Override public FileSystemProvider provider() { return provider; }
    @Override public void close() { }
    @Override public boolean isOpen() { return true; }
    @Override public boolean isReadOnly() { return false; }
    @Override public String getSeparator() { return real.getSeparator(); }
    @Override public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        real.getRootDirectories().forEach(r -> roots.add(wrap(r)));
        return roots;
    }
    @Override public Iterable<FileStore> getFileStores() { return real.getFileStores(); }
    @Override public Set<String> supportedFileAttributeViews() { return real.supportedFileAttributeViews(); }
    @Override public Path getPath(String first, String... more) { return wrap(real.getPath(first, more)); }
    @Override public PathMatcher getPathMatcher(String syntax) { return real.getPathMatcher(syntax); }
    @Override public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }
    @Override public WatchService newWatchService() { throw new UnsupportedOperationException(); }

    /** With no inode left, opening a file that does not exist yet fails. */
    private void refuseCreate(Path path, Set<? extends OpenOption> options) throws IOException {
        boolean creates = options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.CREATE) && !java.nio.file.Files.exists(path);
        if (mode == Mode.NO_FILES && creates) {
            throw new FileSystemException(path.toString(), null, ENOSPC);
        }
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    }

    private final class Provider extends FileSystemProvider {
        private final FileSystemProvider real;

        Provider(FileSystemProvider real) {
            this.real = real;
        }

        @Override public String getScheme() { return "fulldisk"; }
        @Override public FileSystem newFileSystem(URI uri, Map<String, ?> env) { throw new UnsupportedOperationException(); }
        @Override public FileSystem getFileSystem(URI uri) { return FullDisk.this; }
        @Override public Path getPath(URI uri) { return wrap(real.getPath(uri)); }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            Path file = unwrap(path);
            if (writes(options)) {
                refuseCreate(file, options);
            }
            FileChannel channel = real.newFileChannel(file, options, attrs);
            return writes(options) && mode == Mode.NO_BYTES ? new NoBytes(channel) : channel;
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            DirectoryStream<Path> entries = real.newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override public Iterator<Path> iterator() {
                    Iterator<Path> it = entries.iterator();
                    return new Iterator<>() {
                        @Override public boolean hasNext() { return it.hasNext(); }
                        @Override public Path next() { return wrap(it.next()); }
                    };
                }
                @Override public void close() throws IOException { entries.close(); }
            };
        }

        @Override public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            real.createDirectory(unwrap(dir), attrs);
        }
        @Override public void delete(Path path) throws IOException { real.delete(unwrap(path)); }
        @Override public void copy(Path source, Path target, CopyOption... options) throws IOException {
            throw new FileSystemException(unwrap(source).toString(), unwrap(target).toString(), ENOSPC);
        }
        @Override public void move(Path source, Path target, CopyOption... options) throws IOException {
            real.move(unwrap(source), unwrap(target), options); // a rename takes no space
        }
        @Override public boolean isSameFile(Path a, Path b) throws IOException {
            return real.isSameFile(unwrap(a), unwrap(b));
        }
        @Override public boolean isHidden(Path path) throws IOException { return real.isHidden(unwrap(path)); }
        @Override public FileStore getFileStore(Path path) throws IOException { return real.getFileStore(unwrap(path)); }
        @Override public void checkAccess(Path path, AccessMode... modes) throws IOException {
            real.checkAccess(unwrap(path), modes);
        }
        @Override public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type,
                LinkOption... options) {
            return real.getFileAttributeView(unwrap(path), type, options);
        }
        @Override public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type,
                LinkOption... options) throws IOException {
            return real.readAttributes(unwrap(path), type, options);
        }
        @Override public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return real.readAttributes(unwrap(path), attributes, options);
        }
        @Override public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
                throws IOException {
            real.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    /** A channel on a disk with no block left: any write of a byte fails as the kernel's ENOSPC does. */
    private static final class NoBytes extends FileChannel {
        private final FileChannel real;

        NoBytes(FileChannel real) {
            this.real = real;
        }

        private static IOException full() {
            return new IOException(ENOSPC);
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }
        @Override public int write(ByteBuffer src) throws IOException {
            if (src.hasRemaining()) {
                throw full();
            }
            return 0;
        }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { throw full(); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }
        @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
        @Override public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
                throws IOException {
            return real.transferTo(position, count, target);
        }
        @Override public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
                throws IOException {
            throw full();
        }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
        @Override public int write(ByteBuffer src, long position) throws IOException { throw full(); }
        @Override public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }
        @Override public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }
        @Override public java.nio.channels.FileLock tryLock(long position, long size, boolean shared)
                throws IOException {
            return real.tryLock(position, size, shared);
        }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }

    /** A path of the real file system that answers to this one. */
    private final class Wrapped implements Path {
        final Path real;

        Wrapped(Path real) {
            this.real = real;
        }

        @Override public FileSystem getFileSystem() { return FullDisk.this; }
        @Override public boolean isAbsolute() { return real.isAbsolute(); }
        @Override public Path getRoot() { return wrap(real.getRoot()); }
        @Override public Path getFileName() { return wrap(real.getFileName()); }
        @Override public Path getParent() { return wrap(real.getParent()); }
        @Override public int getNameCount() { return real.getNameCount(); }
        @Override public Path getName(int index) { return wrap(real.getName(index)); }
        @Override public Path subpath(int begin, int end) { return wrap(real.subpath(begin, end)); }
        @Override public boolean startsWith(Path other) { return real.startsWith(unwrap(other)); }
        @Override public boolean endsWith(Path other) { return real.endsWith(unwrap(other)); }
        @Override public Path normalize() { return wrap(real.normalize()); }
        @Override public Path resolve(Path other) { return wrap(real.resolve(unwrap(other))); }
        @Override public Path relativize(Path other) { return wrap(real.relativize(unwrap(other))); }
        @Override public URI toUri() { return real.toUri(); }
        @Override public Path toAbsolutePath() { return wrap(real.toAbsolutePath()); }
        @Override public Path toRealPath(LinkOption... options) throws IOException {
            return wrap(real.toRealPath(options));
        }
        @Override public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events,
                WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }
        @Override public int compareTo(Path other) { return real.compareTo(unwrap(other)); }
        @Override public boolean equals(Object other) { return other instanceof Wrapped w && real.equals(w.real); }
        @Override public int hashCode() { return real.hashCode(); }
        @Override public String toString() { return real.toString(); }
    }
}
