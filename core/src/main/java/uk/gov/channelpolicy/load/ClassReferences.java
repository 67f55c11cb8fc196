package uk.gov.channelpolicy.load;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compiled class refers to, read from its constant pool: every class it names and every
 * field or method it uses ({@code owner.name}). This is what the class can actually touch,
 * however its source spelled the names (imports, fully qualified names, or neither).
 */
final class ClassReferences {
    private final Set<String> classes = new TreeSet<>();
    private final Set<String> members = new TreeSet<>();

    private ClassReferences() {
    }

    /** Class names in dotted form, e.g. {@code java.lang.System}; members as {@code java.lang.System.exit}. */
    static ClassReferences of(byte[] classFile) {
        ClassReferences references = new ClassReferences();
        try {
            references.read(new DataInputStream(new ByteArrayInputStream(classFile)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class file: " + e.getMessage(), e);
        }
        return references;
    }

    Set<String> classes() {
        return classes;
    }

    Set<String> members() {
        return members;
    }

    private void read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("bad magic number");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] memberRef = new int[count][];
        int[] nameAndTypeName = new int[count];
        int[] descriptorIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> descriptorIndex[i] = in.readUnsignedShort();
                case 9, 10, 11 -> memberRef[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    nameAndTypeName[i] = in.readUnsignedShort();
                    descriptorIndex[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                addClass(utf8[classNameIndex[i]]);
            }
            if (tag16or12(descriptorIndex[i]) && utf8[descriptorIndex[i]] != null) {
                addDescriptorClasses(utf8[descriptorIndex[i]]);
            }
        }
        for (int i = 1; i < count; i++) {
            if (memberRef[i] != null) {
                String owner = utf8[classNameIndex[memberRef[i][0]]];
                String name = utf8[nameAndTypeName[memberRef[i][1]]];
                members.add(dotted(owner) + "." + name);
            }
        }
    }

    private static boolean tag16or12(int index) {
        return index != 0;
    }

    private void addClass(String internalName) {
        String name = internalName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        } else if (name.length() == 1) {
            return;
        }
        classes.add(dotted(name));
    }

    /** Classes named inside a method or field descriptor such as {@code (Ljava/lang/String;)V}. */
    private void addDescriptorClasses(String descriptor) {
        int at = descriptor.indexOf('L');
        while (at >= 0) {
            int end = descriptor.indexOf(';', at);
            if (end < 0) {
                return;
            }
            String name = descriptor.substring(at + 1, end);
            if (name.matches("[\\w/$]+")) {
                classes.add(dotted(name));
            }
            at = descriptor.indexOf('L', end);
        }
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
