"""A run's track as GPX 1.1, with heart rate and cadence as Garmin writes them.

Positions, elevation and time go in the standard ``trkpt`` fields; heart rate and cadence in
Garmin's TrackPointExtension v1 (``gpxtpx:hr``, ``gpxtpx:cad``), which Strava, Garmin
Connect, intervals.icu and runcoach itself read. Like Garmin, cadence of foot sports is
written in strides (one leg) per minute: half the steps per minute runcoach keeps. Samples
without a position are left out (GPX has no point without one); a run without any has no
track to write.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from xml.etree import ElementTree

import gpxpy.gpx

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import FOOT_SPORTS, Run, clock_glitches

TPX_NS = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
CREATOR = "runcoach"


def run_gpx(run: Run) -> str:
    """The GPX document of ``run``; InvalidInput when it has no positions to write."""
    streams = run.streams
    if streams is None or streams.latitude is None or streams.longitude is None:
        raise InvalidInput(f"run {run.id} has no GPS track (no positions were recorded)")
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.nsmap["gpxtpx"] = TPX_NS
    gpx.name = xml_text(run.name)
    track = gpxpy.gpx.GPXTrack(name=xml_text(run.name))
    track.type = run.sport.value  # type: ignore[assignment]  # gpxpy types it as None
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    gpx.tracks.append(track)
    halve = run.sport in FOOT_SPORTS
    glitches = clock_glitches(streams.time_s)
    for i in range(len(streams)):
        if glitches[i]:
            continue
        lat, lon = float(streams.latitude[i]), float(streams.longitude[i])
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        point = gpxpy.gpx.GPXTrackPoint(
            lat,
            lon,
            elevation=_finite(streams.altitude_m, i),
            time=run.start + timedelta(seconds=float(streams.time_s[i])),
        )
        heart = _finite(streams.heart_rate, i)
        cadence = _finite(streams.cadence_spm, i)
        if cadence is not None and halve:
            cadence /= 2
        if heart is not None or cadence is not None:
            point.extensions.append(_extension(heart, cadence))
        segment.points.append(point)
    if not segment.points:
        raise InvalidInput(f"run {run.id} has no GPS track (no sample has a position)")
    return str(gpx.to_xml(version="1.1"))


def xml_text(text: str | None) -> str | None:
    """Text XML 1.0 can hold: a character it forbids (C0 controls but tab, newline and
    carriage return; U+FFFE, U+FFFF; lone surrogates), even as a reference, becomes U+FFFD,
    so that a run named with a terminal escape code still exports as valid GPX."""
    return None if text is None else _NOT_XML.sub("\ufffd", text)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _finite(values: object, i: int) -> float | None:
    if values is None:
        return None
    value = float(values[i])  # type: ignore[index]
    return value if math.isfinite(value) else None


def _extension(heart: float | None, cadence: float | None) -> ElementTree.Element:
    root = ElementTree.Element(f"{{{TPX_NS}}}TrackPointExtension")
    if heart is not None:
        ElementTree.SubElement(root, f"{{{TPX_NS}}}hr").text = str(round(heart))
    if cadence is not None:
        ElementTree.SubElement(root, f"{{{TPX_NS}}}cad").text = str(round(cadence))
    return root
