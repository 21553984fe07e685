package io.jnatsd.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The nats:// URLs a listener is reachable on, as nats-server lists them in its ports file: the bind host itself,
 * or for a wildcard bind every interface address (interface order, IPv4 before IPv6, IPv6 in bracketed RFC 5952
 * form without zone).
 */
final class ClientUrls {
    private ClientUrls() {
    }

    static List<String> of(String scheme, String host, int port) {
        List<String> urls = new ArrayList<>();
        if (isWildcard(host)) {
            for (InetAddress address : interfaceAddresses()) {
                urls.add(scheme + "://" + hostPart(address) + ":" + port);
            }
        }
        if (urls.isEmpty()) {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            urls.add(scheme + "://" + h + ":" + port);
        }
        return urls;
    }

    private static boolean isWildcard(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static List<InetAddress> interfaceAddresses() {
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException | NullPointerException e) {
            return List.of();
        }
        interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : interfaces) {
            List<InetAddress> own = Collections.list(nic.getInetAddresses());
            own.sort(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
            addresses.addAll(own);
        }
        return addresses;
    }

    static String hostPart(InetAddress address) {
        if (address instanceof Inet6Address) {
            return "[" + compressIpv6(address.getAddress()) + "]";
        }
        return address.getHostAddress();
    }

    /** Java prints "fe80:0:0:0:..." with a zone; Go (and RFC 5952) write "fe80::...": longest zero run of 2+. */
    static String compressIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
