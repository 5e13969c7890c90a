package io.orderpipeline.cli.faults;

final class Text {

    private static final int MAX = 120;

    private Text() {
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "…";
    }
}
